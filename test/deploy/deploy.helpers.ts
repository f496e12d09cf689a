import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { parseDocument } from 'yaml';
import { createProgram } from '../../bin/commands/program.js';
import { capturingIO, repoRoot } from '../helpers/cli.js';

export const deployDir = join(repoRoot, 'deploy');

/** A YAML file of deploy/ as plain data, with `<<` merge keys applied as Compose applies them. */
export function readYaml(path: string): unknown {
  const document = parseDocument(readFileSync(path, 'utf8'), { merge: true, uniqueKeys: true });
  if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0].message}`);
  return document.toJS({ maxAliasCount: 100 }) as unknown;
}

/**
 * Whether `adwatch <args>` is a command line the CLI accepts (command, options, their values),
 * found by parsing it with every action replaced by one that does nothing. Undefined when it is,
 * else commander's complaint.
 */
export async function rejectedCommandLine(args: string[]): Promise<string | undefined> {
  const io = capturingIO({});
  const program = createProgram(io);
  const silence = (command: Command): void => {
    command.commands.forEach((sub) => {
      sub.action(() => undefined);
      silence(sub);
    });
  };
  silence(program);
  try {
    await program.parseAsync(args, { from: 'user' });
    return undefined;
  } catch (error) {
    if (error instanceof CommanderError) return io.captured().stderr || error.message;
    throw error;
  }
}

/** A systemd unit file: its sections, each a list of key/value pairs (keys may repeat). */
export type UnitFile = Map<string, Array<[string, string]>>;

/** Parses the INI dialect of systemd unit files (comments, sections, `Key=value`, no continuations). */
export function parseUnitFile(text: string): UnitFile {
  const sections: UnitFile = new Map();
  let current: Array<[string, string]> | undefined;
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) return;
    const section = /^\[([A-Za-z]+)\]$/.exec(line);
    if (section) {
      if (sections.has(section[1])) throw new Error(`line ${index + 1}: [${section[1]}] twice`);
      current = [];
      sections.set(section[1], current);
      return;
    }
    const pair = /^([A-Za-z][A-Za-z0-9]*)=(.*)$/.exec(line);
    if (!pair || !current)
      throw new Error(`line ${index + 1} is not Key=value in a section: ${raw}`);
    if (line.endsWith('\\')) throw new Error(`line ${index + 1}: continuation lines are not used`);
    current.push([pair[1], pair[2]]);
  });
  return sections;
}

/** Every value of key in section. */
export function unitValues(unit: UnitFile, section: string, key: string): string[] {
  return (unit.get(section) ?? []).filter(([name]) => name === key).map(([, value]) => value);
}
