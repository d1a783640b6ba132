import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { buildAppSchema, printAppSchema } from '../schema.js';
import { packageRoot } from '../platform/paths.js';

/** Writes the schema the server serves to schema/schema.graphql (committed; a test fails when it is stale). */
const file = path.join(packageRoot, 'schema', 'schema.graphql');
writeFileSync(file, printAppSchema(await buildAppSchema()));
process.stdout.write(`wrote ${path.relative(process.cwd(), file)}\n`);
