/**
 * Parquet through hyparquet-writer (pure JavaScript, snappy-compressed, no timestamps in the file):
 * the same table as the CSV, with typed columns and provenance in the key-value metadata.
 */
import { parquetWriteBuffer, type ColumnSource } from "hyparquet-writer";
import type { ColumnType, Table } from "../../format/table.ts";

const TYPES: Record<ColumnType, ColumnSource["type"]> = {
  int32: "INT32",
  int64: "INT64",
  double: "DOUBLE",
  string: "STRING",
  boolean: "BOOLEAN",
};

export function toParquet(t: Table, metadata: Record<string, string>, createdBy: string): Uint8Array {
  const buffer = parquetWriteBuffer({
    columnData: t.columns.map((c) => ({
      name: c.name,
      type: TYPES[c.type],
      data: c.type === "int64" ? c.values.map((v) => (v === null ? null : BigInt(v as number))) : c.values,
      nullable: true,
    })),
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    createdBy,
  });
  return new Uint8Array(buffer);
}
