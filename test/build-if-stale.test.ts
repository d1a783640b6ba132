import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../src/platform/paths.js';

/**
 * scripts/build-if-stale.mjs, which every npm script runs before compiled code: it builds when an input
 * changed and only then. Tried on a small project of the same shape (this project's tsconfig files and
 * script, two modules, a migration, a bench file, a schema and a tiny web application built by Vite), so
 * the real dist/ is left to the other tests.
 */
const project = mkdtempSync(path.join(os.tmpdir(), 'regietafel-build-'));
const file = (rel: string) => path.join(project, rel);

function run(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [file('scripts/build-if-stale.mjs'), ...args], { cwd: project, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Runs the script and says whether it ran tsc (it announces every build on stderr, and nothing else). */
function built(): boolean {
  return builtWhat().server;
}

/** Runs the script and says which targets it built: the server (tsc) and the web application (Vite). */
function builtWhat(): { server: boolean; web: boolean } {
  const result = run();
  expect(result.status, result.stderr).toBe(0);
  expect(result.stdout).toBe('');
  return { server: /building dist\/ \(tsc/.test(result.stderr), web: /building dist\/web\//.test(result.stderr) };
}

const WEB_CONFIG = `import { fileURLToPath } from 'node:url';
export default {
  root: fileURLToPath(new URL('.', import.meta.url)),
  logLevel: 'warn',
  build: { outDir: fileURLToPath(new URL('../dist/web', import.meta.url)), emptyOutDir: true },
};
`;
const webPage = (title: string) =>
  `<!doctype html><html lang="nl"><head><title>${title}</title></head><body><script type="module" src="/src/main.js"></script></body></html>\n`;

const compiled = (rel: string) => readFileSync(file(`dist/${rel}`), 'utf8');

/** Sets a file's modification time one second on, as an editor saving it later would. */
function touch(rel: string) {
  const { mtime } = statSync(file(rel));
  const later = new Date(mtime.getTime() + 1000);
  utimesSync(file(rel), later, later);
}

beforeAll(() => {
  for (const dir of ['scripts', 'src/cli', 'migrations', 'bench', 'schema', 'web/src']) mkdirSync(file(dir), { recursive: true });
  for (const rel of ['scripts/build-if-stale.mjs', 'tsconfig.json', 'tsconfig.build.json']) copyFileSync(path.join(packageRoot, rel), file(rel));
  writeFileSync(file('package.json'), JSON.stringify({ name: 'build-if-stale-test', private: true, type: 'module' }));
  writeFileSync(file('package-lock.json'), JSON.stringify({ name: 'build-if-stale-test', lockfileVersion: 3 }));
  symlinkSync(path.join(packageRoot, 'node_modules'), file('node_modules'), 'dir');
  writeFileSync(file('src/greeting.ts'), "export const greeting = 'hello';\n");
  writeFileSync(file('src/cli/hello.ts'), "import { greeting } from '../greeting.js';\nconsole.log(greeting);\n");
  writeFileSync(file('migrations/1-First.ts'), 'export const first = 1;\n');
  writeFileSync(file('bench/b.ts'), 'export const b = 1;\n');
  writeFileSync(file('schema/schema.graphql'), 'type Query { hello: String }\n');
  writeFileSync(file('web/vite.config.ts'), WEB_CONFIG);
  writeFileSync(file('web/index.html'), webPage('Eerste'));
  writeFileSync(file('web/src/main.js'), "document.title += '!';\n");
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('build-if-stale', () => {
  it('builds a fresh tree, then leaves an unchanged one alone', () => {
    expect(built()).toBe(true);
    expect(compiled('src/greeting.js')).toMatch(/'hello'/);
    expect(existsSync(file('dist/migrations/1-First.js'))).toBe(true);
    expect(existsSync(file('dist/bench/b.js'))).toBe(true);
    const before = statSync(file('dist/src/greeting.js')).mtimeMs;
    expect(built()).toBe(false);
    expect(built()).toBe(false);
    expect(statSync(file('dist/src/greeting.js')).mtimeMs).toBe(before);
  });

  it('rebuilds after a source is edited, and the compiled code has the edit', () => {
    writeFileSync(file('src/greeting.ts'), "export const greeting = 'hallo';\n");
    expect(built()).toBe(true);
    expect(compiled('src/greeting.js')).toMatch(/'hallo'/);
    expect(built()).toBe(false);
  });

  it('rebuilds after a source, a migration, a bench file, a tsconfig or the lockfile is only touched', () => {
    for (const rel of ['src/cli/hello.ts', 'migrations/1-First.ts', 'bench/b.ts', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json']) {
      touch(rel);
      expect(built(), rel).toBe(true);
      expect(built(), rel).toBe(false);
    }
  });

  it('rebuilds with a changed tsconfig, whose options then apply', () => {
    expect(existsSync(file('dist/src/greeting.js.map'))).toBe(true);
    const original = readFileSync(file('tsconfig.build.json'), 'utf8');
    const config = JSON.parse(original);
    writeFileSync(file('tsconfig.build.json'), JSON.stringify({ ...config, compilerOptions: { ...config.compilerOptions, removeComments: true } }));
    writeFileSync(file('src/greeting.ts'), "/** kept unless removeComments */\nexport const greeting = 'hallo';\n");
    expect(built()).toBe(true);
    expect(compiled('src/greeting.js')).not.toMatch(/kept unless/);
    writeFileSync(file('tsconfig.build.json'), original);
    expect(built()).toBe(true);
    expect(compiled('src/greeting.js')).toMatch(/kept unless/);
  });

  it('rebuilds when a source is added, and when one is deleted, removing what was compiled from it', () => {
    writeFileSync(file('src/extra.ts'), 'export const extra = 1;\n');
    expect(built()).toBe(true);
    expect(existsSync(file('dist/src/extra.js'))).toBe(true);
    rmSync(file('src/extra.ts'));
    expect(built()).toBe(true);
    expect(existsSync(file('dist/src/extra.js'))).toBe(false);
    expect(existsSync(file('dist/src/extra.js.map'))).toBe(false);
    expect(built()).toBe(false);
  });

  it('rebuilds when a compiled file or the whole dist/ is deleted', () => {
    rmSync(file('dist/src/cli/hello.js'));
    expect(built()).toBe(true);
    expect(existsSync(file('dist/src/cli/hello.js'))).toBe(true);
    rmSync(file('dist'), { recursive: true });
    expect(built()).toBe(true);
    expect(existsSync(file('dist/src/cli/hello.js'))).toBe(true);
    expect(built()).toBe(false);
  });

  it('fails while the code does not compile, writes no record of it, and builds again once fixed', () => {
    writeFileSync(file('src/greeting.ts'), "export const greeting: number = 'hallo';\n");
    const failed = run();
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/TS2322/);
    expect(run().status).not.toBe(0); // not mistaken for up to date
    writeFileSync(file('src/greeting.ts'), "export const greeting = 'fixed';\n");
    expect(built()).toBe(true);
    expect(compiled('src/greeting.js')).toMatch(/'fixed'/);
  });

  it('--force always runs tsc', () => {
    expect(built()).toBe(false);
    const forced = run('--force');
    expect(forced.status).toBe(0);
    expect(forced.stderr).toMatch(/building dist\/ \(tsc/);
    expect(forced.stderr).toMatch(/building dist\/web\//);
  });

  it('builds the web application into dist/web/ beside the server, and leaves it alone when unchanged', () => {
    expect(readFileSync(file('dist/web/index.html'), 'utf8')).toMatch(/<title>Eerste<\/title>/);
    expect(builtWhat()).toEqual({ server: false, web: false });
  });

  it('rebuilds only the web application after a file under web/ or the schema changes, with the change', () => {
    writeFileSync(file('web/index.html'), webPage('Tweede'));
    expect(builtWhat()).toEqual({ server: false, web: true });
    expect(readFileSync(file('dist/web/index.html'), 'utf8')).toMatch(/<title>Tweede<\/title>/);
    for (const rel of ['web/src/main.js', 'web/vite.config.ts', 'schema/schema.graphql']) {
      touch(rel);
      expect(builtWhat(), rel).toEqual({ server: false, web: true });
      expect(builtWhat(), rel).toEqual({ server: false, web: false });
    }
    writeFileSync(file('web/src/extra.css'), 'p { margin: 0; }\n');
    expect(builtWhat()).toEqual({ server: false, web: true });
    rmSync(file('web/src/extra.css'));
    expect(builtWhat()).toEqual({ server: false, web: true });
  });

  it('rebuilds only the server after a source changes, and both after the lockfile changes', () => {
    touch('src/greeting.ts');
    expect(builtWhat()).toEqual({ server: true, web: false });
    touch('package-lock.json');
    expect(builtWhat()).toEqual({ server: true, web: true });
    expect(builtWhat()).toEqual({ server: false, web: false });
  });

  it('rebuilds the web application when dist/web/index.html or dist/web/ is deleted', () => {
    rmSync(file('dist/web/index.html'));
    expect(builtWhat()).toEqual({ server: false, web: true });
    expect(existsSync(file('dist/web/index.html'))).toBe(true);
    rmSync(file('dist/web'), { recursive: true });
    expect(builtWhat()).toEqual({ server: false, web: true });
    expect(existsSync(file('dist/web/index.html'))).toBe(true);
  });

  it('fails while the web application does not build, writes no record of it, and builds again once fixed', () => {
    writeFileSync(file('web/src/main.js'), "import './missing.js';\n");
    const failed = run();
    expect(failed.status).not.toBe(0);
    expect(failed.stdout).toBe('');
    expect(failed.stderr).toMatch(/vite build failed/);
    expect(run().status).not.toBe(0);
    writeFileSync(file('web/src/main.js'), "document.title += '?';\n");
    expect(builtWhat()).toEqual({ server: false, web: true });
    expect(builtWhat()).toEqual({ server: false, web: false });
  });

  it('leaves the project’s own dist/ up to date after a build (the npm scripts run it as is)', () => {
    const result = spawnSync(process.execPath, [path.join(packageRoot, 'scripts', 'build-if-stale.mjs')], { cwd: packageRoot, encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const again = spawnSync(process.execPath, [path.join(packageRoot, 'scripts', 'build-if-stale.mjs')], { cwd: packageRoot, encoding: 'utf8' });
    expect(again.status).toBe(0);
    expect(again.stderr).toBe('');
  }, 120_000);
});
