import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { z } from 'zod';
import { ConfigError } from '../../core/index.js';

/** Reads and validates one YAML data file; errors name the file and the offending field. */
export function loadYamlFile<S extends z.ZodType>(path: string, schema: S): z.output<S> {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(
      `${path}: cannot read or parse YAML (${String(error)}). Fix the file's syntax.`,
      {
        cause: error,
      },
    );
  }
  const result = schema.safeParse(raw);
  if (!result.success) {
    const issues = result.error.issues
      .map((i) => `${i.path.map(String).join('.') || '(top)'}: ${i.message}`)
      .join('; ');
    throw new ConfigError(`${path}: ${issues}`);
  }
  return result.data;
}
