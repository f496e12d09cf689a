import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL_PATH, trainTextModel } from '../../../classifiers/index.js';
import { parseCsv, readEmscad } from '../../../classifiers/model/emscad.reader.js';
import { InputError } from '../../../core/index.js';

const EMSCAD = fileURLToPath(new URL('../../../../shared/data/emscad/train.csv', import.meta.url));
const HEADER =
  'id,title,location,department,salary_range,company_profile,description,requirements,benefits,telecommuting,has_company_logo,has_questions,employment_type,required_experience,required_education,industry,function,fraudulent';

function syntheticCsv(): string {
  const rows = [HEADER];
  for (let i = 0; i < 60; i++) {
    const scam = i % 2 === 0;
    const body = scam
      ? `"Work from home, earn $${500 + i} a week, no experience, pay a small registration fee #EMAIL_ab${i}#"`
      : `"Acme Ltd, a software company founded in 1998, seeks an engineer, ""senior"" level, with benefits and pension"`;
    rows.push(`s${i},Job ${i},"US, NY",,,${body},desc ${i},,,0,1,0,Full-time,,,,,${scam ? 1 : 0}`);
  }
  return `${rows.join('\n')}\n`;
}

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, commas and newlines inside fields', () => {
    expect(parseCsv('a,b\n"x, ""y""","line1\nline2"\n')).toEqual([
      ['a', 'b'],
      ['x, "y"', 'line1\nline2'],
    ]);
  });
});

describe('readEmscad', () => {
  it('rejects a CSV without the EMSCAD columns, naming the missing column', () => {
    expect(() => readEmscad('id,title\n1,x\n', 'bad.csv')).toThrow(InputError);
    expect(() => readEmscad('id,title\n1,x\n', 'bad.csv')).toThrow(/missing column "fraudulent"/u);
  });
});

describe('trainTextModel', () => {
  it('is deterministic: the same CSV gives the same model file, byte for byte', () => {
    const csv = syntheticCsv();
    const sha = createHash('sha256').update(csv).digest('hex');
    const a = trainTextModel(csv, 'synthetic.csv', sha).content;
    const b = trainTextModel(csv, 'synthetic.csv', sha).content;
    expect(a).toBe(b);
    const model = JSON.parse(a) as { trainingData: { sha256: string }; version: string };
    expect(model.trainingData.sha256).toBe(sha);
    expect(model.version).toContain(sha.slice(0, 12));
  });

  it.skipIf(!existsSync(EMSCAD))(
    'reproduces the committed model file from the EMSCAD training CSV',
    () => {
      const bytes = readFileSync(EMSCAD);
      const sha = createHash('sha256').update(bytes).digest('hex');
      const { content, heldOut } = trainTextModel(bytes.toString('utf8'), EMSCAD, sha);
      expect(content).toBe(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
      expect(heldOut.rocAuc).toBeGreaterThan(0.97);
    },
  );
});
