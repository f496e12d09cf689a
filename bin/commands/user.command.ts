import { InvalidArgumentError, type Command } from 'commander';
import { checkPasswordPolicy, hashPassword } from '../../dashboard/index.js';
import { UserRoles, type Store, type UserRole } from '../../store/index.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { openCommandStore, readStdin } from './command-store.js';
import { InputError } from '../../core/index.js';

/** `adwatch user add|list|disable|reset|unlock`: dashboard accounts. */
export function registerUserCommand(program: Command, io: CommandIO): void {
  const user = program.command('user').description('Manage dashboard accounts.');
  user
    .command('add')
    .description('Create an account; the password is read from standard input.')
    .requiredOption(
      '--username <name>',
      'login name (letters, digits, . _ -; stored lowercase)',
      parseUsername,
    )
    .requiredOption('--role <role>', `one of ${UserRoles.join(', ')}`, parseRole)
    .requiredOption('--password-stdin', 'read the password from standard input (required)')
    .action((options: { username: string; role: UserRole }) =>
      withStore(io, async (store) => {
        const password = await readPassword(io, options.username);
        const created = await store.users.insert({
          username: options.username,
          role: options.role,
          passwordHash: await hashPassword(password),
        });
        if (!created)
          throw new InputError(
            `user "${options.username}" already exists; use "adwatch user reset" to change its password`,
          );
        await store.audit.append({
          actor: 'cli',
          action: 'user_add',
          target: { username: created.username },
          details: { role: created.role },
        });
        io.stdout.write(`created ${created.role} "${created.username}"\n`);
      }),
    );
  user
    .command('list')
    .description('List the accounts.')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) =>
      withStore(io, async (store) => {
        const users = (await store.users.list()).map((u) => ({
          username: u.username,
          role: u.role,
          disabled: u.disabled,
          locale: u.locale,
          createdAt: u.createdAt.toISOString(),
          lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
          lockedUntil: u.lockedUntil?.toISOString() ?? null,
        }));
        if (options.json) {
          io.stdout.write(`${JSON.stringify(users, null, 2)}\n`);
          return;
        }
        if (users.length === 0) io.stdout.write('(no users)\n');
        const now = new Date().toISOString();
        for (const u of users) {
          const locked =
            u.lockedUntil && u.lockedUntil > now ? ` LOCKED until ${u.lockedUntil}` : '';
          io.stdout.write(
            `${u.username.padEnd(24)} ${u.role.padEnd(10)} ${u.disabled ? 'DISABLED' : 'active  '} last login ${u.lastLoginAt ?? 'never'}${locked}\n`,
          );
        }
      }),
    );
  user
    .command('disable')
    .description('Disable an account and end its sessions.')
    .requiredOption('--username <name>', 'the account', parseUsername)
    .action((options: { username: string }) =>
      withStore(io, async (store) => {
        if (!(await store.users.setDisabled(options.username, true)))
          throw new InputError(`no user "${options.username}"; see "adwatch user list"`);
        await store.sessions.deleteForUser(options.username);
        await store.audit.append({
          actor: 'cli',
          action: 'user_disable',
          target: { username: options.username },
        });
        io.stdout.write(`disabled "${options.username}"\n`);
      }),
    );
  user
    .command('unlock')
    .description('Lift the lock that repeated failed logins put on an account.')
    .requiredOption('--username <name>', 'the account', parseUsername)
    .action((options: { username: string }) =>
      withStore(io, async (store) => {
        const before = await store.users.findByUsername(options.username);
        if (!before || !(await store.users.unlock(options.username)))
          throw new InputError(`no user "${options.username}"; see "adwatch user list"`);
        await store.audit.append({
          actor: 'cli',
          action: 'user_unlock',
          target: { username: options.username },
          details: { lockedUntil: before.lockedUntil?.toISOString() ?? null },
        });
        io.stdout.write(`unlocked "${options.username}"\n`);
      }),
    );
  user
    .command('reset')
    .description(
      'Set a new password (read from standard input), unlock the account and end its sessions.',
    )
    .requiredOption('--username <name>', 'the account', parseUsername)
    .requiredOption('--password-stdin', 'read the new password from standard input (required)')
    .action((options: { username: string }) =>
      withStore(io, async (store) => {
        const password = await readPassword(io, options.username);
        if (!(await store.users.setPasswordHash(options.username, await hashPassword(password))))
          throw new InputError(`no user "${options.username}"; see "adwatch user list"`);
        await store.sessions.deleteForUser(options.username);
        await store.audit.append({
          actor: 'cli',
          action: 'user_reset',
          target: { username: options.username },
        });
        io.stdout.write(`new password set for "${options.username}"\n`);
      }),
    );
}

async function withStore(io: CommandIO, action: (store: Store) => Promise<void>): Promise<void> {
  const { config } = commandSetup(io, { logLevel: 'silent' });
  const store = await openCommandStore(config);
  try {
    await action(store);
  } finally {
    await store.close();
  }
}

async function readPassword(io: CommandIO, username: string): Promise<string> {
  const password = await readStdin(io.stdin);
  await checkPasswordPolicy(password, { username });
  return password;
}

/** Usernames are lowercase so that "Anna" and "anna" are one account. */
export function parseUsername(value: string): string {
  const name = value.trim().toLowerCase();
  if (!/^[a-z0-9._-]{2,40}$/.test(name))
    throw new InvalidArgumentError('use 2-40 letters, digits, dots, underscores or hyphens');
  return name;
}

function parseRole(value: string): UserRole {
  if (!(UserRoles as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${UserRoles.join(', ')}`);
  return value as UserRole;
}
