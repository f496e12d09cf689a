import type { Command } from 'commander';
import { registerRoleCommands } from './roles.command.js';
import { registerStatusCommand } from './status.command.js';
import { registerScoreCommand } from './score.command.js';
import { registerTrainCommand } from './train.command.js';
import { registerUserCommand } from './user.command.js';
import { registerAuditCommand } from './audit.command.js';

/** Every `adwatch` subcommand. */
export function registerCommands(program: Command): void {
  registerRoleCommands(program);
  registerStatusCommand(program);
  registerScoreCommand(program);
  registerTrainCommand(program);
  registerUserCommand(program);
  registerAuditCommand(program);
}
