import type { Command } from 'commander';
import type { AdRecord } from '../../store/index.js';
import type { CommandIO } from './command-io.js';
import { commandSetup } from './common.js';
import { storePacketSources } from '../../evidence/index.js';
import { openCommandStore, parseIds } from './evidence.common.js';
import { InputError } from '../../core/index.js';

interface AdsListOptions {
  flagged?: boolean;
  case?: string;
  json?: boolean;
  limit: string;
}

/** `adwatch ads list`: ads with id, score, status and URL, for scripting exports. */
export function registerAdsCommand(program: Command, io: CommandIO): void {
  const ads = program.command('ads').description('Stored ads.');
  ads
    .command('list')
    .description('List ads (id, score, review status, URL), highest score first.')
    .option('--flagged', 'only flagged ads')
    .option('--case <id>', "only the ads of this case, in the case's order")
    .option('--limit <n>', 'at most this many ads', '1000')
    .option('--json', 'print a JSON array')
    .action(async (options: AdsListOptions) => {
      const limit = Number(options.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100_000) {
        throw new InputError(`--limit ${options.limit} is not a whole number between 1 and 100000`);
      }
      const caseId = options.case ? parseIds('--case', [options.case])[0] : undefined;
      const { config } = commandSetup(io, { logLevel: 'silent' });
      const store = await openCommandStore(config);
      try {
        let list: AdRecord[];
        if (caseId) {
          const found = await storePacketSources(store).caseById(caseId);
          if (!found) throw new InputError(`no case with id "${caseId}"`);
          list = [];
          for (const id of found.adIds.slice(0, limit)) {
            const ad = await store.ads.findById(id);
            if (ad && (!options.flagged || ad.flagged)) list.push(ad);
          }
        } else {
          list = await store.ads.list({ ...(options.flagged ? { flagged: true } : {}), limit });
        }
        const rows = list.map((ad) => ({
          id: ad._id,
          score: ad.score ?? null,
          flagged: ad.flagged,
          status: ad.review.status,
          url: ad.url,
          title: ad.title,
        }));
        if (options.json) {
          io.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
          return;
        }
        for (const r of rows) {
          io.stdout.write(
            `${r.id}  ${String(r.score ?? '-').padStart(3)}  ${r.status.padEnd(10)}  ${r.url}\n`,
          );
        }
      } finally {
        await store.close();
      }
    });
}
