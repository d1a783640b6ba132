import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, validate, visit, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/platform/config.js';
import { packageRoot } from '../src/platform/paths.js';
import { limitRefusal } from '../src/platform/query-cost.js';
import { armorFor } from '../src/platform/server.js';
import { buildAppSchema } from '../src/schema.js';

/** Every GraphQL document written in the web application's sources (`graphql(\`…\`)`). */
function webDocuments(): { file: string; text: string }[] {
  const found: { file: string; text: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.tsx?$/.test(entry.name)) {
        for (const match of readFileSync(full, 'utf8').matchAll(/graphql\(\s*`([\s\S]*?)`/g)) found.push({ file: path.relative(packageRoot, full), text: match[1] });
      }
    }
  };
  walk(path.join(packageRoot, 'web', 'src'));
  return found;
}

/** The names of the fragments a definition spreads. */
function spreads(definition: DefinitionNode): string[] {
  return [...JSON.stringify(definition).matchAll(/"kind":"FragmentSpread","name":\{"kind":"Name","value":"([^"]+)"/g)].map((match) => match[1]);
}

describe("the web application's own operations", () => {
  it('all fit the query limits, measured as the server measures them (a page size left out counts as the default page)', async () => {
    const schema = await buildAppSchema();
    const limits = armorFor(loadConfig({}));
    const definitions = webDocuments().flatMap(({ file, text }) => parse(text).definitions.map((definition) => ({ file, definition })));
    const fragments = new Map(
      definitions.filter(({ definition }) => definition.kind === Kind.FRAGMENT_DEFINITION).map(({ definition }) => [(definition as FragmentDefinitionNode).name.value, definition as FragmentDefinitionNode]),
    );
    const operations = definitions.filter(({ definition }) => definition.kind === Kind.OPERATION_DEFINITION) as { file: string; definition: OperationDefinitionNode }[];
    expect(operations.length).toBeGreaterThan(50);
    for (const { file, definition } of operations) {
      const what = `${file}: ${definition.name?.value ?? 'anonymous'}`;
      const needed = new Map<string, FragmentDefinitionNode>();
      const add = (names: string[]) => {
        for (const name of names) {
          if (needed.has(name)) continue;
          const fragment = fragments.get(name);
          expect(fragment, `${what} spreads ${name}`).toBeDefined();
          needed.set(name, fragment!);
          add(spreads(fragment!));
        }
      };
      add(spreads(definition));
      const document: DocumentNode = { kind: Kind.DOCUMENT, definitions: [definition, ...needed.values()] };
      // As written: graphql-armor's rules (depth, aliases, cost, directives), as on every request.
      expect(validate(schema, document, limits.validationRules).map((error) => error.message), what).toEqual([]);
      const pageSizeVariables = new Set<string>();
      visit(document, {
        Argument(argument) {
          if (['first', 'last'].includes(argument.name.value) && argument.value.kind === Kind.VARIABLE) pageSizeVariables.add(argument.value.name.value);
        },
      });
      // A required page-size variable would have to be given: measured at the default, the request would not be valid.
      for (const variable of definition.variableDefinitions ?? []) {
        if (pageSizeVariables.has(variable.variable.name.value)) expect(variable.type.kind, `${what}: $${variable.variable.name.value}`).not.toBe(Kind.NON_NULL_TYPE);
      }
      // Measured again as the server does (query-cost.ts), its page-size variables left out (the default page, at least what it sends). Only
      // those are kept: the others do not change the measure, and left out they would stop it (not a valid request).
      const pageSizesOnly: DocumentNode = {
        ...document,
        definitions: [
          { ...definition, variableDefinitions: definition.variableDefinitions?.filter((variable) => pageSizeVariables.has(variable.variable.name.value)) },
          ...needed.values(),
        ],
      };
      expect(limitRefusal(schema, pageSizesOnly, {}, definition.name?.value, limits.measureRules)?.message ?? null, what).toBeNull();
    }
  });
});
