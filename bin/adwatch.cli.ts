import { processIO } from './commands/command-io.js';
import { runProgram } from './commands/run.js';

process.exitCode = await runProgram(process.argv.slice(2), processIO());
