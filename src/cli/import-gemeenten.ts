import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { importGemeenten, parseCbsGemeenten, type GemeenteImportPlan } from '../reference/gemeente-import.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

/**
 * `npm run import:gemeenten -- FILE [--as-of YYYY-MM-DD]`: loads a CBS "gemeenten alfabetisch" list.
 * The date defaults to 1 January of the year in the file name (gemeenten-alfabetisch-2024.csv).
 */
runCommand(async (config, log) => {
  const { values, positionals } = parseArgs({ options: { 'as-of': { type: 'string' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import:gemeenten -- FILE [--as-of YYYY-MM-DD]');
  const year = /(\d{4})/.exec(path.basename(file))?.[1];
  const asOf = values['as-of'] ?? (year ? `${year}-01-01` : undefined);
  if (!asOf || !/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw new Error('give the date the list takes effect: --as-of YYYY-MM-DD');
  const gemeenten = parseCbsGemeenten(readFileSync(file, 'utf8'));
  process.stderr.write(`${gemeenten.length} gemeenten read from ${file}, effective ${asOf}\n`);

  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    await migrate(database.dataSource, log);
    const plan = await importGemeenten(database.dataSource.manager, gemeenten, {
      sourceFile: path.basename(file),
      asOf,
      onProgress: (done, total) => process.stderr.write(`\rapplying changes ${done}/${total}${done === total ? '\n' : ''}`),
    });
    process.stdout.write(summary(plan));
  } finally {
    await database.close();
  }
});

function summary(plan: GemeenteImportPlan): string {
  const lines = [
    `added:     ${plan.added.length}${plan.added.length ? `  (${plan.added.map((g) => `${g.code} ${g.name}`).join(', ')})` : ''}`,
    `renamed:   ${plan.renamed.length}${plan.renamed.length ? `  (${plan.renamed.map((g) => `${g.code} ${g.from} → ${g.to}`).join(', ')})` : ''}`,
    `moved:     ${plan.moved.length}${plan.moved.length ? `  (${plan.moved.map((g) => `${g.code} ${g.name} ${g.from} → ${g.to}`).join(', ')})` : ''}`,
    `ended (merged or dissolved): ${plan.ended.length}`,
    ...plan.ended.map((g) => `  ${g.code} ${g.name}${g.probablyMergedInto.length ? `, probably merged into ${g.probablyMergedInto.join(' or ')}` : ''}`),
    `unchanged: ${plan.unchanged}`,
  ];
  return lines.join('\n') + '\n';
}
