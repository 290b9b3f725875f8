import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { closeDb, db } from '../db/client.ts';
import { DatabaseUnreachableError, migrateAll } from '../db/migrate.ts';
import { roles, type Role } from '../db/schema/common.ts';
import { seedDemo } from '../server/domain/demo/seed.ts';
import { findProjectByName, firstAdmin } from '../server/domain/projects/projects.ts';
import { createToken } from '../server/domain/tokens/tokens.ts';
import { createUser, findUserByEmail, getUser, resetPassword, setUserDisabled } from '../server/domain/users/users.ts';
import { envOrExit } from '../server/env.ts';
import { AppError, describeIssues } from '../server/errors.ts';
import { loggableError } from '../server/log.ts';

const usage = `Usage: npm run drucker -- <command> [options]

  migrate                                  create the databases if missing and apply all migrations
  user create --email E [--name N] [--password P | --password-stdin]
                                           create a local account (a password is generated if none is given)
  user reset-password --email E [--password P | --password-stdin]
  user disable --email E | user enable --email E
                                           a disabled user cannot sign in; their sessions and API tokens stop working at once
  token create --project NAME --role viewer|editor|admin --name LABEL [--expires-in-days N] [--as EMAIL]
                                           create an API token; the token is printed alone on the last line
  seed-demo [--force]                      create the demo admin and the demo project (idempotent); refused
                                           with NODE_ENV=production unless forced (it resets the demo admin's password)
`;

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const generatedPassword = () => randomBytes(12).toString('base64url');

async function passwordFrom(values: { password?: string; 'password-stdin'?: boolean }): Promise<{ password: string; generated: boolean }> {
  if (values.password) return { password: values.password, generated: false };
  if (values['password-stdin']) return { password: await readStdin(), generated: false };
  return { password: generatedPassword(), generated: true };
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing --${flag}`);
  return value;
}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      password: { type: 'string' },
      'password-stdin': { type: 'boolean' },
      project: { type: 'string' },
      role: { type: 'string' },
      'expires-in-days': { type: 'string' },
      as: { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals.join(' ');
  if (values.help || !command) {
    console.log(usage);
    return;
  }
  const env = envOrExit();

  switch (command) {
    case 'migrate': {
      await migrateAll({ mysql: env.DATABASE_URL, postgres: env.JOBS_DATABASE_URL });
      console.log('migrated MySQL and the PostgreSQL job queue');
      return;
    }
    case 'user create': {
      const { password, generated } = await passwordFrom(values);
      const user = await createUser(db(), { email: required(values.email, 'email'), name: values.name, password });
      console.log(`created user ${user.email} (id ${user.id})`);
      if (generated) console.log(`password: ${password}`);
      return;
    }
    case 'user reset-password': {
      const email = required(values.email, 'email');
      const { password, generated } = await passwordFrom(values);
      await resetPassword(db(), email, password);
      console.log(`password of ${email} reset`);
      if (generated) console.log(`password: ${password}`);
      return;
    }
    case 'user disable':
    case 'user enable': {
      const email = required(values.email, 'email');
      const disable = command === 'user disable';
      await setUserDisabled(db(), email, disable);
      console.log(`${email} ${disable ? 'disabled' : 'enabled'}`);
      return;
    }
    case 'token create': {
      const projectName = required(values.project, 'project');
      const role = required(values.role, 'role');
      if (!roles.includes(role as Role)) throw new UsageError(`--role must be one of ${roles.join(', ')}`);
      const project = await findProjectByName(db(), projectName);
      if (!project) throw new AppError('NOT_FOUND', `No project named ${projectName}.`);
      const creatorId = values.as ? (await findUserByEmail(db(), values.as))?.id : await firstAdmin(db(), project.id);
      const creator = creatorId ? await getUser(db(), creatorId) : undefined;
      if (!creator) throw new AppError('NOT_FOUND', values.as ? `No user with email ${values.as}.` : `Project ${projectName} has no admin to own the token; pass --as EMAIL.`);
      const expires = values['expires-in-days'];
      // Only digits become a number; anything else ("90d", "-5") is passed on for the schema to refuse by name.
      const expiresInDays = expires === undefined ? undefined : /^\d+$/.test(expires) ? Number(expires) : Number.NaN;
      const { token } = await createToken(
        db(),
        { type: 'user', userId: creator.id, label: `${creator.email} (cli)` },
        { projectId: project.id, name: required(values.name, 'name'), role: role as Role, expiresInDays },
      );
      console.log(`created ${role} token for project ${projectName}, owned by ${creator.email}; it is shown only now:`);
      console.log(token);
      return;
    }
    case 'seed-demo': {
      const seed = await seedDemo(db(), { production: env.NODE_ENV === 'production', force: values.force });
      console.log(`demo project ready; sign in as ${seed.email} with password ${seed.password}`);
      return;
    }
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

function databaseErrorCode(error: unknown): string | undefined {
  let current: unknown = error;
  while (current && typeof current === 'object') {
    if ('code' in current && typeof current.code === 'string' && /^(ER_|ECONNREFUSED)/.test(current.code)) return current.code;
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`drucker: ${error.message}\n\n${usage}`);
  } else if (error instanceof AppError || error instanceof DatabaseUnreachableError) {
    console.error(`drucker: ${error.message}`);
  } else if (error instanceof ZodError) {
    console.error(`drucker: ${describeIssues(error.issues)}`);
  } else if (error instanceof Error && 'code' in error && typeof error.code === 'string' && error.code.startsWith('ERR_PARSE_ARGS')) {
    console.error(`drucker: ${error.message}\n\n${usage}`);
  } else {
    // One line, without the stack or the statement's bound values (which can hold hashes and emails).
    const code = databaseErrorCode(error);
    console.error(
      code
        ? `drucker: database error (${code}); did you run "npm run drucker -- migrate"?`
        : `drucker: unexpected error: ${error instanceof Error ? (loggableError(error).message as string).split('\n')[0] : String(error)}`,
    );
  }
  process.exitCode = 1;
} finally {
  await closeDb();
}
