import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { importPopulation, parseCbsPopulation, type PopulationImportSummary } from '../huisvesting/index.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

/**
 * `npm run import:bevolking -- FILE [--on YYYY-MM-DD] [--partial]`: loads a CBS StatLine CSV of population per gemeente
 * on 1 January. The date defaults to 1 January of the year in the file name (bevolking-2020.csv). A file must hold every
 * gemeente of the date; `--partial` replaces only the gemeenten in the file.
 */
runCommand(async (config, log) => {
  const { values, positionals } = parseArgs({ options: { on: { type: 'string' }, partial: { type: 'boolean' } }, allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import:bevolking -- FILE [--on YYYY-MM-DD] [--partial]');
  if (!existsSync(file)) throw new Error(`no such file: ${file}`);
  const year = /(\d{4})/.exec(path.basename(file))?.[1];
  const onDate = values.on ?? (year ? `${year}-01-01` : undefined);
  if (!onDate || !/^\d{4}-01-01$/.test(onDate)) throw new Error('give the reference date, 1 January of a year: --on YYYY-01-01');
  const rows = parseCbsPopulation(readFileSync(file, 'utf8'));
  process.stderr.write(`${rows.length} gemeenten read from ${file}, population on ${onDate}\n`);

  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    await migrate(database.dataSource, log);
    const summary = await importPopulation(database.dataSource.manager, rows, {
      onDate,
      sourceFile: path.basename(file),
      partial: values.partial ?? false,
      onProgress: (done, total) => process.stderr.write(`\rstoring ${done}/${total}${done === total ? '\n' : ''}`),
    });
    process.stdout.write(report(summary));
  } finally {
    await database.close();
  }
});

function report(s: PopulationImportSummary): string {
  return [
    `stored:    ${s.stored} gemeenten, ${s.total.toLocaleString('en')} inhabitants on ${s.onDate}`,
    `unknown:   ${s.unknown.length}${s.unknown.length ? `  (${s.unknown.join(', ')})` : ''}`,
    `missing:   ${s.missing.length}${s.missing.length ? `  (${s.missing.map((g) => `${g.code} ${g.name}`).join(', ')})` : ''}`,
    'per province:',
    ...Object.entries(s.perProvince).sort().map(([code, n]) => `  ${code} ${n.toLocaleString('en')}`),
  ].join('\n') + '\n';
}
