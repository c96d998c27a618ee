/**
 * Text from a scenario (plan, circle and scenario names) made safe for a terminal: control
 * characters (ANSI escape sequences start with one) and bidirectional overrides are shown as \u{…}
 * instead of being obeyed. Data files (CSV, JSON, Parquet) keep the text as it is.
 */
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character (newlines kept) and bidirectional override written as \u{hex}. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

/** One line of terminal text: newlines escaped too (a table cell, a progress label). */
export function printableLine(text: string): string {
  return printable(text).replaceAll("\n", "\\n");
}
