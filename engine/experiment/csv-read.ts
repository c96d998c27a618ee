/**
 * Read CSV text (RFC 4180 as spreadsheets export it): quoted fields with "" escapes and line breaks
 * inside, a byte-order mark, CRLF or LF line ends, blank lines skipped. Each record keeps the line on
 * which it starts, so errors can name it.
 */

export interface CsvRecord {
  /** 1-based line of the file where the record starts. */
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  constructor(readonly line: number, message: string) {
    super(message);
    this.name = "CsvSyntaxError";
  }
}

/** Records in file order (the header is the first). Throws CsvSyntaxError on an unclosed quote or text after a closing quote. */
export function readCsv(text: string): CsvRecord[] {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const out: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let quotedAt = 0;
    for (;;) {
      if (i < n && text[i] === '"' && field === "") {
        quotedAt = line;
        i++;
        for (;;) {
          if (i >= n) throw new CsvSyntaxError(quotedAt, `line ${quotedAt}: a quoted field is never closed`);
          const c = text[i];
          if (c === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === "\n") line++;
          field += c;
          i++;
        }
        if (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r")
          throw new CsvSyntaxError(line, `line ${line}: expected a comma or the end of the line after a closing quote, found ${JSON.stringify(text[i])}`);
      } else {
        while (i < n && text[i] !== "," && text[i] !== "\n" && text[i] !== "\r") field += text[i++];
      }
      fields.push(field);
      field = "";
      if (i < n && text[i] === ",") {
        i++;
        continue;
      }
      break;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    line++;
    if (!(fields.length === 1 && fields[0] === "")) out.push({ line: start, fields });
  }
  return out;
}
