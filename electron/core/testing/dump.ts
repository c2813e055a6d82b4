import type { Db } from '../store/db';

/**
 * Every row of every table (full-text shadow tables included), in a stable order, as JSON: two
 * dumps are equal exactly when the stored content is. The virtual table is left out because it
 * reads its text from `articles`, which the dump already holds.
 */
export function dumpTables(db: Db): string {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")
    .pluck()
    .all() as string[];
  const out: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).raw().all() as unknown[][];
    out[table] = rows.map((row) => JSON.stringify(row.map((v) => (Buffer.isBuffer(v) ? `x'${v.toString('hex')}'` : v)))).sort();
  }
  return JSON.stringify(out);
}
