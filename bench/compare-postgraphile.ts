/**
 * PostGraphile v5 for the comparison benchmark (compare.ts), in a process of its own. It needs Node 22
 * (`Promise.withResolvers`): compare.ts runs it with the binary of bench/node22/.
 *
 *   node22 dist/bench/compare-postgraphile.js DATABASE_URL SCHEMA…     (prints {"url": …} when it listens)
 *
 * The amber preset (PostGraphile's default): a table per type with the relations it derives from the foreign keys,
 * connections with `first`/`orderBy`/`condition`, and the STABLE functions of the schemas as query fields. It
 * connects as the database superuser: it checks no token and applies no authorization at all.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * PostGraphile's modules, loaded by a name TypeScript does not follow: their typings reach GraphiQL's and React's, whose
 * global declarations (an empty `SVGElement`, for one) would break the type check of the project's browser tests.
 */
const load = (name: string): Promise<any> => import(name);

async function main() {
  const [{ postgraphile }, { makePgService }, { grafserv }, { PostGraphileAmberPreset }] = await Promise.all(
    ['postgraphile', 'postgraphile/adaptors/pg', 'postgraphile/grafserv/node', 'postgraphile/presets/amber'].map(load),
  );
  const [connectionString, ...schemas] = process.argv.slice(2);
  const preset = {
    extends: [PostGraphileAmberPreset],
    // Every column may filter (`condition`) and order, not only indexed ones: the proposals' `submitted` flag has no index.
    disablePlugins: ['PgIndexBehaviorsPlugin'],
    // 10 connections, as the regietafel server has.
    pgServices: [makePgService({ connectionString, schemas, poolConfig: { max: 10 } })],
    grafserv: { graphqlPath: '/graphql', graphiql: false, watch: false },
    grafast: { explain: false },
  };
  const pgl = postgraphile(preset);
  const serv = pgl.createServ(grafserv);
  const server = http.createServer();
  server.keepAliveTimeout = 60_000;
  serv.addTo(server);
  await pgl.getSchema(); // built before it says it listens, so no round measures the introspection
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  console.log(JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql` }));
  process.on('SIGINT', () => {
    server.close();
    server.closeAllConnections();
    void Promise.resolve(pgl.release() as unknown).then(() => process.exit(0));
  });
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
