import { readFileSync } from 'node:fs';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { parseCbsGemeenten } from '../src/reference/gemeente-import.js';
import { referenceDataPath } from '../src/platform/paths.js';

/**
 * The 342 gemeenten of 1 January 2023 from the CBS list shipped in data/, each with its organisation.
 * Later lists are loaded with `npm run import:gemeenten -- FILE`, not by migration.
 */
export class Gemeenten20231700000000002 implements MigrationInterface {
  name = 'Gemeenten20231700000000002';

  async up(db: QueryRunner): Promise<void> {
    const file = 'gemeenten-alfabetisch-2023.csv';
    const gemeenten = parseCbsGemeenten(readFileSync(referenceDataPath(file), 'utf8'));
    if (gemeenten.length !== 342) throw new Error(`expected 342 gemeenten in ${file}, found ${gemeenten.length}`);
    await db.query(
      `INSERT INTO gemeente (code, name, province_code, valid_from)
       SELECT g.code, g.name, p.code, DATE '2023-01-01'
       FROM jsonb_to_recordset($1::jsonb) AS g(code text, name text, "provinceCbsCode" text)
       JOIN province p ON p.cbs_code = g."provinceCbsCode"`,
      [JSON.stringify(gemeenten)],
    );
    await db.query(`INSERT INTO organisation (kind, name, gemeente_code) SELECT 'GEMEENTE', 'Gemeente ' || name, code FROM gemeente`);
    await db.query(
      `INSERT INTO gemeente_import (source_file, as_of, summary) VALUES ($1, DATE '2023-01-01', $2)`,
      [file, JSON.stringify({ added: gemeenten.length, total: gemeenten.length, by: 'migration' })],
    );
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM gemeente');
    if (count !== 342) throw new Error(`expected 342 gemeenten after loading, found ${count} (unknown province code?)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM organisation WHERE kind = 'GEMEENTE'`);
    await db.query('DELETE FROM gemeente');
    await db.query('DELETE FROM gemeente_import');
  }
}
