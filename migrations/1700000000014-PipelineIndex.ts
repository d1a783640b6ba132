import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The proposals in the pipeline (submitted and open, or decided GO: `PIPELINE` in monitoring.service.ts), with the
 * columns the national overview sums them by: it reads their places per province, opvangtype and status from this
 * index alone, in its order, instead of reading every proposal's row to find them. The predicate must stay the one
 * the overview asks (test/monitoring-statements.test.ts checks that the overview can use it).
 */
export class PipelineIndex1700000000014 implements MigrationInterface {
  name = 'PipelineIndex1700000000014';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE INDEX location_proposal_pipeline ON location_proposal (province_code, opvangtype, status) INCLUDE (places)
        WHERE submitted AND (status IN ('INGEDIEND', 'IN_VERKENNING', 'POSITIEF_ADVIES') OR (status = 'BESLOTEN' AND decision = 'GO'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX location_proposal_pipeline');
  }
}
