/** A column-typed table: what the CSV and Parquet writers both take, so the two files always agree. */

export type ColumnType = "int32" | "int64" | "double" | "string" | "boolean";
export type Cell = number | string | boolean | null;

export interface Column {
  name: string;
  type: ColumnType;
  /** null is a missing value (NaN metrics are written as missing). */
  values: Cell[];
}

export interface Table {
  columns: Column[];
  rows: number;
}

export function table(columns: Column[]): Table {
  const rows = columns[0]?.values.length ?? 0;
  for (const c of columns)
    if (c.values.length !== rows) throw new RangeError(`table: column ${c.name} has ${c.values.length} values, expected ${rows}`);
  return { columns, rows };
}

/** NaN and ±Infinity become missing: CSV and Parquet readers then agree (NA in R, NULL in DuckDB, NaN in pandas). */
export function finiteOrNull(x: number | null | undefined): number | null {
  return x === null || x === undefined || !Number.isFinite(x) ? null : x;
}
