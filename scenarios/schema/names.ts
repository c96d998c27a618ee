/**
 * How unnamed items of a list are named: a rule of the scenario language, which the schema checks
 * references by (check-strategies.ts), the compiler names channels by, and sweep paths address.
 */

/** Names for unnamed items of a list, by type: the type, numbered from its second use on (`kolSeeding`, `kolSeeding-2`). */
export function typeNamer(): (type: string) => string {
  const seen = new Map<string, number>();
  return (type) => {
    const n = (seen.get(type) ?? 0) + 1;
    seen.set(type, n);
    return n === 1 ? type : `${type}-${n}`;
  };
}
