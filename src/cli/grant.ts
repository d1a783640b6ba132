import { parseArgs } from 'node:util';
import { GraphQLError } from 'graphql';
import { openDatabase } from '../platform/bootstrap.js';
import { migrate } from '../platform/database.js';
import { PeopleService } from '../people/people.service.js';
import { Role } from '../people/enums.js';
import type { ProvinceCode } from '../reference/enums.js';
import { runCommand } from './run.js';
import { entitiesOf } from '../platform/module.js';
import { modules } from '../modules.js';

/**
 * Operator command: grant a membership directly in the database, e.g. the first LRT member of a new
 * installation (after that, LRT members grant memberships through the API).
 *   npm run grant -- --subject "oidc|abc" --name "A. Jansen" --role LRT
 *   npm run grant -- --subject "oidc|def" --name "B. Bakker" --role PRT_SECRETARIAAT --province UT
 */
runCommand(async (config, log) => {
  const { values } = parseArgs({
    options: {
      subject: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      gemeente: { type: 'string' },
      regio: { type: 'string' },
    },
  });
  const role = values.role as Role | undefined;
  if (!values.subject || !role || !Object.values(Role).includes(role)) {
    throw new Error(`usage: npm run grant -- --subject SUB --name NAME --role ${Object.values(Role).join('|')} [--province XX | --gemeente GM0000 | --regio N]`);
  }
  const database = await openDatabase(config, log, { poolSize: 2, entities: entitiesOf(modules) });
  try {
    await migrate(database.dataSource, log);
    const membership = await new PeopleService(database.dataSource).grantAsOperator({
      personSubject: values.subject,
      personName: values.name,
      personEmail: values.email,
      role,
      provinceCode: (values.province?.toUpperCase() as ProvinceCode | undefined) ?? null,
      gemeenteCode: values.gemeente ?? null,
      uitplaatsingsregio: values.regio ? Number(values.regio) : null,
    });
    process.stdout.write(`granted ${membership.role} to ${values.subject} (membership ${membership.id})\n`);
  } catch (error) {
    // Rule and input errors read as plain sentences on a terminal.
    if (error instanceof GraphQLError) throw new Error(`${error.message} (${String(error.extensions.code)}${error.extensions.field ? `, ${String(error.extensions.field)}` : ''})`);
    throw error;
  } finally {
    await database.close();
  }
});
