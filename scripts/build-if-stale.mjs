#!/usr/bin/env node
/**
 * Builds dist/ with `tsc -p tsconfig.build.json` when, and only when, something it is built from changed
 * since the last successful build, and the web application (web/, built by Vite into dist/web/, which the
 * server serves) likewise. Every npm script that runs compiled code calls this first, so an unchanged tree
 * starts at once and a changed one never runs stale.
 *
 *   node scripts/build-if-stale.mjs            # build if stale; silent when dist/ is up to date
 *   node scripts/build-if-stale.mjs --force    # always run tsc (incremental), then record the build
 *
 * Inputs: every TypeScript file under src/, migrations/ and bench/ (path, size, modification and change
 * time of each, so an edit, a touch, an added, deleted or renamed file all count), tsconfig*.json and
 * package-lock.json. After a successful build their fingerprint is written to dist/.build-stamp.json; a
 * failed build writes none, so the next run tries again. dist/ is also stale when a file the last build
 * wrote is missing (dist/ or part of it deleted). After building, compiled files whose source is gone are
 * removed, so a deleted module cannot be loaded from dist/.
 *
 * The web application is a second target with its own record (dist/.web-build-stamp.json): its inputs are
 * every file under web/, schema/schema.graphql (its operations are typed against it) and package-lock.json;
 * it is also stale when dist/web/index.html is missing. Without a web/ folder (or without Vite installed,
 * as in a production install) it is left alone. Either target failing leaves the other's record intact.
 *
 * Nothing is written to stdout (tsc's messages go to stderr), so `TOKEN=$(npm run -s token -- lrt)` stays
 * clean even when a build runs. No dependencies: it runs before anything is compiled. Two runs at once
 * (a server starting while a token is asked for) take turns through dist/.build.lock.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readdirSync, readFileSync, closeSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const stampFile = path.join(dist, '.build-stamp.json');
const lockFile = path.join(dist, '.build.lock');
const buildInfo = path.join(dist, '.tsbuildinfo');
const SOURCE_DIRS = ['src', 'migrations', 'bench'];
const TYPESCRIPT = /\.[cm]?ts$/;
const STAMP_VERSION = 1;
const webStampFile = path.join(dist, '.web-build-stamp.json');
const WEB_DIR = 'web';
const WEB_INDEX = 'dist/web/index.html';

const say = (message) => process.stderr.write(`build-if-stale: ${message}\n`);

function walk(dir, found, include = (name) => TYPESCRIPT.test(name)) {
  let entries;
  try {
    entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  } catch (error) {
    if (error.code === 'ENOENT') return;
    throw error;
  }
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules') walk(rel, found, include);
    } else if (include(entry.name)) found.push(rel);
  }
}

/** Every input with its size and times (nanoseconds, as text: exact, whatever the file system keeps). */
function fingerprint() {
  const files = [];
  for (const dir of SOURCE_DIRS) walk(dir, files);
  for (const name of readdirSync(root)) if (/^tsconfig.*\.json$/.test(name) || name === 'package-lock.json') files.push(name);
  return prints(files);
}

/** The web application's inputs: everything under web/, the schema its operations are checked against, the lockfile. */
function webFingerprint() {
  const files = [];
  walk(WEB_DIR, files, () => true);
  for (const rel of ['schema/schema.graphql', 'package-lock.json']) if (existsSync(path.join(root, rel))) files.push(rel);
  return prints(files);
}

function prints(files) {
  const inputs = {};
  for (const rel of files.sort()) {
    const stat = statSync(path.join(root, rel), { bigint: true });
    inputs[rel] = `${stat.size}:${stat.mtimeNs}:${stat.ctimeNs}`;
  }
  return inputs;
}

/** dist/<dir>/<name>.js for every compiled source (declaration files compile to nothing). */
function outputOf(rel) {
  if (rel.endsWith('.d.ts') || rel.endsWith('.d.mts') || rel.endsWith('.d.cts')) return undefined;
  return path.join(dist, rel.replace(/\.ts$/, '.js').replace(/\.mts$/, '.mjs').replace(/\.cts$/, '.cjs'));
}

function readStamp(file = stampFile) {
  try {
    const stamp = JSON.parse(readFileSync(file, 'utf8'));
    return stamp.version === STAMP_VERSION ? stamp : undefined;
  } catch {
    return undefined;
  }
}

/** Compiled files the last build left that are gone now: tsc's incremental build would not write them again. */
function missingOutputs(stamp) {
  return (stamp?.outputs ?? []).filter((rel) => !existsSync(path.join(root, rel)));
}

/** Why dist/ must be rebuilt, or undefined when it is up to date. */
function staleness(inputs, stamp) {
  if (!stamp) return 'no successful build recorded in dist/';
  const reasons = [];
  for (const [rel, print] of Object.entries(inputs)) {
    if (!(rel in stamp.inputs)) reasons.push(`${rel} added`);
    else if (stamp.inputs[rel] !== print) reasons.push(`${rel} changed`);
  }
  for (const rel of Object.keys(stamp.inputs)) if (!(rel in inputs)) reasons.push(`${rel} removed`);
  const missing = missingOutputs(stamp);
  if (missing.length) reasons.push(`${missing[0]} missing`);
  if (reasons.length === 0) return undefined;
  return reasons.length <= 3 ? reasons.join(', ') : `${reasons.slice(0, 3).join(', ')} and ${reasons.length - 3} more`;
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Waits for another run's build to finish (or takes over the lock of one that died), then holds the lock. */
function lock() {
  mkdirSync(dist, { recursive: true });
  let told = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(lockFile, { force: true });
    } catch (error) {
      if (error.code !== 'EEXIST') throw error;
    }
    let holder;
    let age;
    try {
      holder = Number(readFileSync(lockFile, 'utf8'));
      age = Date.now() - statSync(lockFile).mtimeMs;
    } catch (error) {
      if (error.code === 'ENOENT') continue; // released meanwhile
      throw error;
    }
    // No process id yet: its holder is writing it this instant, or was killed before it could.
    if (holder ? !alive(holder) : age > 2000) {
      rmSync(lockFile, { force: true });
      continue;
    }
    if (!told && holder) say(`waiting for the build run by process ${holder}`);
    told ||= Boolean(holder);
    sleep(100);
  }
}

/** Removes compiled files (and their source maps) whose source no longer exists. */
function removeOrphans(inputs) {
  const expected = new Set(Object.keys(inputs).map(outputOf).filter(Boolean));
  const removed = [];
  const visit = (dir) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) visit(file);
      else {
        const compiled = file.replace(/\.map$/, '');
        if (/\.[cm]?js$/.test(compiled) && !expected.has(compiled)) {
          rmSync(file, { force: true });
          removed.push(path.relative(root, file));
        }
      }
    }
  };
  for (const dir of SOURCE_DIRS) visit(path.join(dist, dir));
  if (removed.length) say(`removed ${removed.length} compiled file(s) without a source: ${removed.slice(0, 3).join(', ')}${removed.length > 3 ? ', …' : ''}`);
}

/** Runs tsc when dist/ is stale (or forced); the lock is held. */
function buildServer(force) {
  // Another run may have built while we waited. The inputs are read before tsc runs, so an edit made
  // during the build leaves the record behind and the next run builds again.
  const inputs = fingerprint();
  const stamp = readStamp();
  const reason = staleness(inputs, stamp);
  if (!reason && !force) return 0;
  // tsc's incremental build writes only what it thinks changed, so a deleted compiled file would stay
  // missing: without its record (dist/.tsbuildinfo) it writes everything.
  const missing = stamp ? missingOutputs(stamp) : Object.keys(inputs).map(outputOf).filter((file) => file && !existsSync(file));
  if (missing.length) rmSync(buildInfo, { force: true });
  let tsc;
  try {
    tsc = createRequire(path.join(root, 'package.json')).resolve('typescript/bin/tsc');
  } catch {
    say('TypeScript is not installed: run `npm install` first');
    return 1;
  }
  say(`${reason ?? 'asked to'}: building dist/ (tsc -p tsconfig.build.json)`);
  rmSync(stampFile, { force: true });
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    say(`tsc failed (${result.status ?? result.signal}); dist/ is not up to date`);
    return result.status || 1;
  }
  removeOrphans(inputs);
  const outputs = Object.keys(inputs)
    .map(outputOf)
    .filter((file) => file && existsSync(file))
    .map((file) => path.relative(root, file));
  writeFileSync(stampFile, JSON.stringify({ version: STAMP_VERSION, builtAt: new Date().toISOString(), inputs, outputs }, null, 1) + '\n');
  return 0;
}

/** Why dist/web/ must be rebuilt, or undefined when it is up to date (or there is no web application). */
function webStaleness(inputs, stamp) {
  if (!existsSync(path.join(root, WEB_DIR))) return undefined;
  if (!stamp) return 'no successful web build recorded in dist/';
  const reason = staleness(inputs, { ...stamp, outputs: [] });
  if (reason) return reason;
  if (!existsSync(path.join(root, WEB_INDEX))) return `${WEB_INDEX} missing`;
  return undefined;
}

/** Runs Vite when dist/web/ is stale (or forced); the lock is held. */
function buildWeb(force) {
  if (!existsSync(path.join(root, WEB_DIR))) return 0;
  const inputs = webFingerprint();
  const reason = webStaleness(inputs, readStamp(webStampFile));
  if (!reason && !force) return 0;
  let vite;
  try {
    vite = path.join(path.dirname(createRequire(path.join(root, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    // A production install (npm ci --omit=dev) has no Vite: the app built beforehand is served as it is.
    say(`Vite is not installed: dist/web/ was not rebuilt${existsSync(path.join(root, WEB_INDEX)) ? '' : ' and the web application is missing'} (run \`npm install\`)`);
    return 0;
  }
  say(`${reason ?? 'asked to'}: building dist/web/ (vite build --config web/vite.config.ts)`);
  rmSync(webStampFile, { force: true });
  const result = spawnSync(process.execPath, [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn', '--mode', 'production'], {
    cwd: root,
    // Whoever runs this (a test runner sets NODE_ENV=test), what ships is the production build of React and the rest.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0 || !existsSync(path.join(root, WEB_INDEX))) {
    say(`vite build failed (${result.status ?? result.signal}); dist/web/ is not up to date`);
    return result.status || 1;
  }
  writeFileSync(webStampFile, JSON.stringify({ version: STAMP_VERSION, builtAt: new Date().toISOString(), inputs, outputs: [WEB_INDEX] }, null, 1) + '\n');
  return 0;
}

function build(force) {
  const serverStale = staleness(fingerprint(), readStamp());
  const webStale = webStaleness(webFingerprint(), readStamp(webStampFile));
  if (!serverStale && !webStale && !force) return 0;
  const unlock = lock();
  try {
    const server = buildServer(force);
    const web = buildWeb(force);
    return server || web;
  } finally {
    unlock();
  }
}

process.exitCode = build(process.argv.includes('--force'));
