import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { envVariables } from '../../config/index.js';

/** The variables read outside the configuration mapping: the file to read, and the key itself. */
const readElsewhere = ['ADWATCH_CONFIG', 'ADWATCH_SIGNING_KEY'];

/** The rows of the README's one environment-variable table: variable → its "setting" cell. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  const rows = new Map<string, string>();
  for (const match of readme.matchAll(/^\| `([A-Z_]+)` +\| (.+?) +\| .+\|$/gm)) {
    expect(rows.has(match[1]), `${match[1]} appears in more than one README row`).toBe(false);
    rows.set(match[1], match[2]);
  }
  return rows;
}

describe("the README's environment-variable table", () => {
  it('has one row for every variable the configuration reads, and no other', () => {
    const expected = [...envVariables.map((variable) => variable.name), ...readElsewhere];
    expect([...readmeRows().keys()].sort()).toEqual(expected.sort());
  });

  it('names the setting each variable sets', () => {
    const rows = readmeRows();
    for (const variable of envVariables) {
      expect(rows.get(variable.name), variable.name).toMatch(
        new RegExp(`^\`${variable.path.join('\\.')}\``),
      );
    }
  });
});
