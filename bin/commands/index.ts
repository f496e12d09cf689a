import type { Command } from 'commander';
import type { CommandIO } from './command-io.js';
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
import { registerModelsCommand } from './models.command.js';

/** Every `adwatch` subcommand, reading and writing through `io`. */
export function registerCommands(program: Command, io: CommandIO): void {
  registerRoleCommands(program, io);
  registerStatusCommand(program, io);
  registerScoreCommand(program, io);
  registerClusterCommand(program, io);
  registerTrainCommand(program, io);
  registerExportCommand(program, io);
  registerVerifyCommand(program, io);
  registerKeysCommand(program, io);
  registerAdsCommand(program, io);
  registerUserCommand(program, io);
  registerAuditCommand(program, io);
  registerRescoreCommand(program, io);
  registerEntitiesCommand(program, io);
  registerRetentionCommand(program, io);
  registerBackupCommands(program, io);
  registerModelsCommand(program, io);
}
