import { parseArgs } from 'node:util';
import { SignJWT } from 'jose';
import { devSigningKey } from '../platform/auth/keys.js';
import { loadConfig } from '../platform/config.js';
import { DEMO_PEOPLE } from '../demo/people.js';

/**
 * Prints a development token for a demo user: `npm run -s token -- secretariaat-ut`.
 * Options: --list (the demo users), --expires <duration> (default 8h, e.g. 30m, 2d).
 */
async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(
      'usage: npm run -s token -- <user> [--expires 8h]\n' +
        '  prints a development token for <user> (a demo user, or any subject);\n' +
        '  --expires: a duration such as 30m, 8h, 2d (default 8h); --list: the demo users\n',
    );
    return 0;
  }
  if (args.includes('--list') || args.length === 0) {
    const lines = DEMO_PEOPLE.map((person) => `${person.handle.padEnd(28)} ${person.name}`);
    (args.length === 0 ? process.stderr : process.stdout).write(
      (args.length === 0 ? 'usage: npm run -s token -- <user> [--expires 8h]\n\ndemo users:\n' : '') + lines.join('\n') + '\n',
    );
    return args.length === 0 ? 2 : 0;
  }
  if (config.auth.jwksUrl) {
    process.stderr.write('AUTH_JWKS_URL is set: tokens come from your identity provider, not from this command.\n');
    return 2;
  }
  const { values, positionals } = parseArgs({ args, options: { expires: { type: 'string', default: '8h' } }, allowPositionals: true });
  const expires = values.expires!;
  if (!/^\d+\s*(s|m|h|d|w)$/.test(expires)) {
    process.stderr.write(`--expires must be a positive duration such as 30m, 8h or 2d, not "${expires}"\n`);
    return 2;
  }
  const subject = positionals[0];
  if (!subject || positionals.length > 1) {
    process.stderr.write('usage: npm run -s token -- <user> [--expires 8h]\n');
    return 2;
  }
  const person = DEMO_PEOPLE.find((candidate) => candidate.handle === subject);
  if (!person) {
    // This command does not read the database (it works while the server runs or not): say what the token carries.
    process.stderr.write(`note: "${subject}" is not a demo user (see --list); the token carries the roles granted to "${subject}" (npm run grant, or grantMembership by an LRT member), if any.\n`);
  }
  const { key, kid, alg } = await devSigningKey(config.dataDir);
  const token = await new SignJWT({ name: person?.name ?? subject })
    .setProtectedHeader({ alg, kid, typ: 'JWT' })
    .setSubject(subject)
    .setIssuer(config.auth.issuer)
    .setAudience(config.auth.audience)
    .setIssuedAt()
    .setExpirationTime(expires)
    .sign(key);
  process.stdout.write(token + '\n');
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
