import type { Command } from 'commander';
import { registerRoleCommands } from './roles.command.js';
import { registerStatusCommand } from './status.command.js';
import { registerScoreCommand } from './score.command.js';
import { registerClusterCommand } from './cluster.command.js';
import { registerTrainCommand } from './train.command.js';
import { registerExportCommand } from './export.command.js';
import { registerVerifyCommand } from './verify.command.js';
import { registerKeysCommand } from './keys.command.js';
import { registerAdsCommand } from './ads.command.js';
import { registerUserCommand } from './user.command.js';
import { registerAuditCommand } from './audit.command.js';
import { registerRescoreCommand } from './rescore.command.js';
import { registerEntitiesCommand } from './entities.command.js';
import { registerRetentionCommand } from './retention.command.js';
import { registerBackupCommands } from './backup.command.js';

/** Every `adwatch` subcommand. */
export function registerCommands(program: Command): void {
  registerRoleCommands(program);
  registerStatusCommand(program);
  registerScoreCommand(program);
  registerClusterCommand(program);
  registerTrainCommand(program);
  registerExportCommand(program);
  registerVerifyCommand(program);
  registerKeysCommand(program);
  registerAdsCommand(program);
  registerUserCommand(program);
  registerAuditCommand(program);
  registerRescoreCommand(program);
  registerEntitiesCommand(program);
  registerRetentionCommand(program);
  registerBackupCommands(program);
}
