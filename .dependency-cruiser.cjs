/**
 * The module rules of regietafel (docs/architecture.md, "Modules"), checked by `npm test` before anything else.
 * A capability is a folder of src/ other than platform/, cli/ and demo/; its index.ts is its public entry.
 */
const CAPABILITY = '^src/(?!platform/|cli/|demo/)([^/]+)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'platform-knows-no-capability',
      severity: 'error',
      comment: 'src/platform/ offers what capabilities plug into; it imports none of them (nor the module list, the CLI or the demo data).',
      from: { path: '^src/platform/' },
      to: { path: '^src/', pathNot: '^src/platform/' },
    },
    {
      name: 'capability-uses-public-entry',
      severity: 'error',
      comment: "A capability uses another only through that one's index.ts, never its internals.",
      from: { path: CAPABILITY },
      to: { path: CAPABILITY, pathNot: ['^src/$1/', '^src/[^/]+/index\\.ts$'] },
    },
    {
      name: 'capability-knows-no-composition',
      severity: 'error',
      comment: 'Capabilities do not import the module list, the schema, the command-line tools or the demo data: those are built from them.',
      from: { path: CAPABILITY },
      to: { path: '^src/(modules|schema)\\.ts$|^src/(cli|demo)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circles, type-only imports included.',
      from: { path: '^src/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|node_modules|web)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    reporterOptions: {
      archi: { collapsePattern: '^src/[^/]+', },
    },
  },
};
