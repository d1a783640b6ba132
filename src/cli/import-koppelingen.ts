import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { importKoppelingen, parseKoppelingCsv, type KoppelingImportSummary } from '../huisvesting/index.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

/**
 * `npm run import:koppelingen -- FILE`: loads COA's koppelingen per gemeente per month from a CSV (counts only).
 * A file with a column that could hold a person, or a value that looks like a BSN, is refused before the database
 * is opened: nothing is written. The import is one transaction: any fault stores nothing.
 */
runCommand(async (config, log) => {
  const { positionals } = parseArgs({ allowPositionals: true });
  const file = positionals[0];
  if (!file) throw new Error('usage: npm run import:koppelingen -- FILE');
  const rows = parseKoppelingCsv(readFileSync(file, 'utf8'));
  process.stderr.write(`${rows.length} gemeente-months read from ${file}\n`);

  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    await migrate(database.dataSource, log);
    const summary = await importKoppelingen(database.dataSource.manager, rows, {
      sourceFile: path.basename(file),
      onProgress: (done, total) => process.stderr.write(`\rstoring ${done}/${total}${done === total ? '\n' : ''}`),
    });
    process.stdout.write(report(summary));
  } finally {
    await database.close();
  }
});

function report(s: KoppelingImportSummary): string {
  return [
    `stored:    ${s.stored} gemeente-months from ${s.sourceFile} (${s.revised} revised)`,
    `months:    ${s.months.join(', ')}`,
    'gekoppeld per province:',
    ...Object.entries(s.perProvince).sort().map(([code, n]) => `  ${code} ${n.toLocaleString('en')}`),
  ].join('\n') + '\n';
}
