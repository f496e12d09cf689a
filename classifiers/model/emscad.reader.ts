import { InputError } from '../../core/index.js';

/** One labelled training ad. */
export interface LabelledAd {
  id: string;
  title: string;
  text: string;
  /** 1 = fraudulent (deceptive recruitment), 0 = legitimate. */
  label: 0 | 1;
}

/** The EMSCAD columns that make up an ad's body, in reading order. */
const BODY_COLUMNS = ['company_profile', 'description', 'requirements', 'benefits'] as const;

/** RFC 4180 CSV: quoted fields, doubled quotes, newlines inside quotes. */
export function parseCsv(content: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < content.length; i++) {
    const ch = content[i];
    if (quoted) {
      if (ch === '"' && content[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && content[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/**
 * Reads the EMSCAD training CSV (see /work/shared/data/emscad/README.md). The ad text is what a
 * crawled ad page would show: company profile, description, requirements and benefits.
 */
export function readEmscad(content: string, path: string): LabelledAd[] {
  const [header, ...rows] = parseCsv(content);
  const col = (name: string): number => {
    const index = header?.indexOf(name) ?? -1;
    if (index === -1)
      throw new InputError(
        `${path}: missing column "${name}"; expected the EMSCAD columns (id, title, ..., fraudulent).`,
      );
    return index;
  };
  const idCol = col('id');
  const titleCol = col('title');
  const labelCol = col('fraudulent');
  const bodyCols = BODY_COLUMNS.map(col);
  const ads: LabelledAd[] = [];
  rows.forEach((row, i) => {
    if (row.length === 1 && row[0] === '') return;
    const label = row[labelCol];
    if (label !== '0' && label !== '1')
      throw new InputError(
        `${path}: row ${i + 2}: "fraudulent" is ${JSON.stringify(label)}, expected 0 or 1.`,
      );
    ads.push({
      id: row[idCol] ?? String(i),
      title: row[titleCol] ?? '',
      text: bodyCols
        .map((c) => row[c] ?? '')
        .filter((s) => s.trim() !== '')
        .join('\n'),
      label: label === '1' ? 1 : 0,
    });
  });
  if (ads.length === 0) throw new InputError(`${path}: no rows; expected the EMSCAD training CSV.`);
  return ads;
}
