import { Fragment, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../api/client.js';
import { endpoints, type AdFilters } from '../api/endpoints.js';
import type { AdSummary, ReviewStatus, SessionUser, StatusCounts } from '../api/types.js';
import { ReviewStatuses } from '../api/types.js';
import { isAd, onAdChanged, summaryOf } from '../ad-events.js';
import { Banner } from '../components/banner.js';
import { dayBound } from '../components/day-bound.js';
import { conflictUser, describeError } from '../components/error-text.js';
import { useShortcuts } from '../components/shortcuts.js';
import { useAsk } from '../components/use-ask.js';
import { useI18n } from '../i18n/index.js';
import { navigate } from '../router.js';
import { AdRow, CampaignSubRows, linkId } from './ad-row.js';
import { BulkBar } from './bulk-bar.js';
import { FiltersBar, hasFieldFilters, searchInputId } from './filters-bar.js';
import { insertAtRank } from './ranking.js';
import { useLiveAds } from './use-live-ads.js';

const pageSize = 50;
const groupingKey = 'adwatch.groupByCampaign';

interface Message {
  kind: 'ok' | 'error';
  text: string;
  /** An ad whose change conflicted: offer to reload it. */
  reloadId?: string;
}

export interface TriageScreenProps {
  user: SessionUser;
  /** Shortcuts are bound only while the queue is the visible screen. */
  active: boolean;
  hidden: boolean;
  /** Reports the ids in queue order, for next/previous in the ad view. */
  onQueue: (ids: string[]) => void;
  /** The ad open in the ad view, which becomes the focused row. */
  openAdId: string | null;
}

export function TriageScreen({ user, active, hidden, onQueue, openAdId }: TriageScreenProps) {
  const { t, formatNumber } = useI18n();
  const [filters, setFilters] = useState<AdFilters>({ status: 'new' });
  const [items, setItems] = useState<AdSummary[]>([]);
  const [counts, setCounts] = useState<StatusCounts | null>(null);
  // Statuses whose count the server stopped at its cap: "more than N", never a wrong figure.
  const [countsCapped, setCountsCapped] = useState<readonly ReviewStatus[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [fresh, setFresh] = useState<ReadonlySet<string>>(new Set());
  const [pendingNew, setPendingNew] = useState(0);
  const [announcement, setAnnouncement] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  // A campaign's ads under one row (the default): an offer is reviewed once, not ten times.
  const [grouped, setGrouped] = useState(() => localStorage.getItem(groupingKey) !== 'off');
  const [expanded, setExpanded] = useState<ReadonlyMap<string, AdSummary[] | 'loading'>>(new Map());
  const { ask, dialog } = useAsk();
  const request = useRef<AbortController | null>(null);
  const sentinel = useRef<HTMLDivElement>(null);
  const keyboardMove = useRef(false);
  const focusedIdRef = useRef<string | null>(null);
  focusedIdRef.current = focusedId;

  const focusedIndex = items.findIndex((ad) => ad.id === focusedId);
  const focused = focusedIndex >= 0 ? items[focusedIndex] : undefined;

  const load = useCallback(
    async (from: string | null) => {
      request.current?.abort();
      const controller = new AbortController();
      request.current = controller;
      setLoading(true);
      setLoadError(null);
      try {
        const query = {
          ...filters,
          from: dayBound(filters.from, false),
          to: dayBound(filters.to, true),
          ...(grouped ? { group: 'campaign' as const } : {}),
        };
        const page = await endpoints.ads(query, from, pageSize, controller.signal);
        setItems((previous) =>
          from
            ? [...previous, ...page.items.filter((ad) => !previous.some((p) => p.id === ad.id))]
            : page.items,
        );
        setCursor(page.nextCursor);
        if (page.counts) {
          setCounts(page.counts);
          setCountsCapped(page.countsCapped);
        }
        if (!from) {
          setPendingNew(0);
          setExpanded(new Map());
          setFocusedId((current) =>
            current && page.items.some((ad) => ad.id === current)
              ? current
              : (page.items[0]?.id ?? null),
          );
        }
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return;
        setLoadError(describeError(error, t));
      } finally {
        if (request.current === controller) setLoading(false);
      }
    },
    [filters, grouped, t],
  );

  const changeGrouping = (next: boolean) => {
    localStorage.setItem(groupingKey, next ? 'on' : 'off');
    setGrouped(next);
  };

  /** Shows or hides the ads of a campaign row (those matching the current filters). */
  const expand = useCallback(
    (row: AdSummary) => {
      const campaign = row.campaignId;
      if (!campaign) return;
      if (expanded.has(campaign)) {
        setExpanded((previous) => {
          const next = new Map(previous);
          next.delete(campaign);
          return next;
        });
        return;
      }
      setExpanded((previous) => new Map(previous).set(campaign, 'loading'));
      const query = {
        ...filters,
        from: dayBound(filters.from, false),
        to: dayBound(filters.to, true),
        campaign,
      };
      endpoints.ads(query, null, 200).then(
        (page) => setExpanded((previous) => new Map(previous).set(campaign, page.items)),
        (error: unknown) => {
          setExpanded((previous) => {
            const next = new Map(previous);
            next.delete(campaign);
            return next;
          });
          setMessage({ kind: 'error', text: describeError(error, t) });
        },
      );
    },
    [expanded, filters, t],
  );

  /** A row standing for several ads of one campaign: decisions on it go to the whole campaign. */
  const campaignOf = (ad: AdSummary): string | null =>
    grouped && ad.campaignId && (ad.group?.count ?? 1) > 1 ? ad.campaignId : null;

  /**
   * Applies a decision or assignment to rows some of which stand for campaigns: each campaign
   * through its own route (every undecided flagged ad of it), the other ads in one bulk request.
   */
  const applyToRows = async (
    ads: AdSummary[],
    change:
      | { action: 'status'; status: ReviewStatus; reason?: string }
      | { action: 'assign'; assignee: string | null },
  ) => {
    let updated = 0;
    let conflicts = 0;
    for (const ad of ads) {
      const campaign = campaignOf(ad);
      if (!campaign) continue;
      const result = await endpoints.campaignReview(campaign, change);
      updated += result.updated;
      conflicts += result.skipped.length;
    }
    const single = ads.filter((ad) => !campaignOf(ad)).map((ad) => ad.id);
    if (single.length > 0) {
      const result = await endpoints.bulk({ ids: single, ...change });
      updated += result.updated;
      conflicts += Array.isArray(result.conflicts) ? result.conflicts.length : result.conflicts;
    }
    afterBulk(updated, conflicts);
  };

  // Typing in a filter waits for a pause before asking the server.
  useEffect(() => {
    const timer = setTimeout(() => void load(null), 200);
    return () => clearTimeout(timer);
  }, [load]);

  useEffect(() => onQueue(items.map((ad) => ad.id)), [items, onQueue]);

  // Infinite scroll: the sentinel below the table loads the next page when it comes into view.
  useEffect(() => {
    const target = sentinel.current;
    if (!target || !cursor || hidden) return undefined;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && !loading) void load(cursor);
    });
    observer.observe(target);
    return () => observer.disconnect();
  }, [cursor, loading, load, hidden]);

  // Keyboard moves also move DOM focus, so screen readers follow and the row scrolls into view.
  useEffect(() => {
    if (!keyboardMove.current || !focusedId) return;
    keyboardMove.current = false;
    document.getElementById(linkId(focusedId))?.focus({ preventScroll: false });
  }, [focusedId]);

  useEffect(() => {
    if (openAdId) setFocusedId(openAdId);
  }, [openAdId]);

  // Back from the ad view, focus returns to the row the analyst left from.
  useEffect(() => {
    if (active && focusedIdRef.current)
      document.getElementById(linkId(focusedIdRef.current))?.focus();
  }, [active]);

  /** Applies a changed ad: updates its row, or drops it when it left the current status tab. */
  const applyChange = useCallback(
    (ad: AdSummary) => {
      setItems((previous) => {
        const index = previous.findIndex((item) => item.id === ad.id);
        if (index === -1) return previous;
        const before = previous[index];
        if (before && before.status !== ad.status) {
          setCounts((c) =>
            c
              ? {
                  ...c,
                  [before.status]: Math.max(0, c[before.status] - 1),
                  [ad.status]: c[ad.status] + 1,
                }
              : c,
          );
        }
        if (filters.status && ad.status !== filters.status) {
          const next = previous.filter((item) => item.id !== ad.id);
          setFocusedId((current) =>
            current === ad.id ? (next[Math.min(index, next.length - 1)]?.id ?? null) : current,
          );
          return next;
        }
        // A campaign row keeps its count: the change is to its lead ad.
        return previous.map((item) =>
          item.id === ad.id ? { ...ad, ...(item.group ? { group: item.group } : {}) } : item,
        );
      });
    },
    [filters.status],
  );

  useEffect(() => onAdChanged(applyChange), [applyChange]);

  const live = useLiveAds(
    (ad) => {
      setCounts((c) => (c ? { ...c, [ad.status]: c[ad.status] + 1 } : c));
      const plainView =
        (!filters.status || filters.status === ad.status) && !hasFieldFilters(filters);
      const next = plainView ? insertAtRank(items, ad, cursor !== null) : null;
      if (next) {
        setItems(next);
        setFresh((previous) => new Set(previous).add(ad.id));
        setAnnouncement(t('triage.newAd', { title: ad.title }));
      } else {
        setPendingNew((count) => count + 1);
        setAnnouncement(t('triage.newAds', { count: pendingNew + 1 }));
      }
    },
    () => void load(null),
  );

  const failure = (error: unknown, id?: string) => {
    if (error instanceof ApiError && error.status === 409) {
      const by = conflictUser(error);
      setMessage({
        kind: 'error',
        text: by ? t('conflict.byUser', { user: by }) : t('conflict.unknown'),
        ...(id ? { reloadId: id } : {}),
      });
    } else {
      setMessage({ kind: 'error', text: describeError(error, t) });
    }
  };

  const reloadAd = async (id: string) => {
    try {
      applyChange(summaryOf(await endpoints.ad(id)));
      setMessage(null);
    } catch (error) {
      failure(error);
    }
  };

  /** The ads an action applies to: the selection if there is one, else the focused row. */
  const targets = (): AdSummary[] =>
    selected.size > 0 ? items.filter((ad) => selected.has(ad.id)) : focused ? [focused] : [];

  const afterBulk = (updated: number, conflicts: number | string[]) => {
    const conflictCount = Array.isArray(conflicts) ? conflicts.length : conflicts;
    setMessage({
      kind: conflictCount > 0 ? 'error' : 'ok',
      text: t('bulk.result', {
        updated: formatNumber(updated),
        conflicts: formatNumber(conflictCount),
      }),
    });
    setSelected(new Set());
    void load(null);
  };

  const decide = async (status: ReviewStatus) => {
    const ads = targets();
    if (ads.length === 0) return;
    let reason: string | undefined;
    if (status === 'dismissed') {
      reason = (await ask('dismiss', { count: ads.length })) ?? undefined;
      if (!reason) return;
    }
    try {
      if (selected.size > 0 || ads.some((ad) => campaignOf(ad))) {
        await applyToRows(ads, { action: 'status', status, ...(reason ? { reason } : {}) });
        return;
      }
      const [ad] = ads;
      if (!ad) return;
      const result = await endpoints.setStatus(ad.id, status, ad.version, reason);
      if (isAd(result)) applyChange(summaryOf(result));
      else void load(null);
      setMessage({ kind: 'ok', text: t('action.done', { status: t(`status.${status}`) }) });
    } catch (error) {
      failure(error, ads[0]?.id);
    }
  };

  const assign = async () => {
    const ads = targets();
    if (ads.length === 0) return;
    const answer = await ask('assign', { count: ads.length, current: ads[0]?.assignee ?? null });
    if (answer === null) return;
    const assignee = answer || null;
    try {
      if (selected.size > 0 || ads.some((ad) => campaignOf(ad))) {
        await applyToRows(ads, { action: 'assign', assignee });
        return;
      }
      const [ad] = ads;
      if (!ad) return;
      const result = await endpoints.assign(ad.id, assignee, ad.version);
      if (isAd(result)) applyChange(summaryOf(result));
      else void load(null);
      setMessage({ kind: 'ok', text: t('common.saved') });
    } catch (error) {
      failure(error, ads[0]?.id);
    }
  };

  const note = async () => {
    if (!focused) return;
    const text = await ask('note');
    if (!text) return;
    try {
      await endpoints.addNote(focused.id, text);
      setMessage({ kind: 'ok', text: t('common.saved') });
    } catch (error) {
      failure(error);
    }
  };

  const addToCase = async () => {
    const ads = targets();
    const chosen = await ask('case');
    if (!chosen || ads.length === 0) return;
    try {
      await endpoints.addToCase(
        chosen.id,
        ads.map((ad) => ad.id),
      );
      setMessage({ kind: 'ok', text: t('cases.added', { name: chosen.name }) });
      setSelected(new Set());
    } catch (error) {
      failure(error);
    }
  };

  const move = (delta: number) => {
    if (items.length === 0) return;
    const index =
      focusedIndex === -1 ? 0 : Math.min(items.length - 1, Math.max(0, focusedIndex + delta));
    keyboardMove.current = true;
    setFocusedId(items[index]?.id ?? null);
    if (delta > 0 && index >= items.length - 3 && cursor && !loading) void load(cursor);
  };

  const toggle = useCallback((id: string) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const open = () => focused && navigate({ name: 'ad', id: focused.id });

  useShortcuts(
    {
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      Enter: open,
      o: open,
      i: () => void decide('in_review'),
      e: () => void decide('escalated'),
      c: () => void decide('confirmed'),
      d: () => void decide('dismissed'),
      n: () => void note(),
      a: () => void assign(),
      x: () => focused && toggle(focused.id),
      A: () => setSelected(new Set(items.map((ad) => ad.id))),
      '/': () => document.getElementById(searchInputId)?.focus(),
      Escape: () => {
        setSelected(new Set());
        setMessage(null);
      },
    },
    active,
  );

  /**
   * A tab's count as shown: a capped count (or a total with one in it) is a lower bound, and a
   * change applied here (±1) keeps it one.
   */
  const countLabel = useCallback(
    (status: ReviewStatus | '') => {
      if (!counts) return null;
      const statuses: readonly ReviewStatus[] = status ? [status] : ReviewStatuses;
      const total = statuses.reduce((sum: number, s) => sum + counts[s], 0);
      return statuses.some((s) => countsCapped.includes(s))
        ? t('triage.moreThan', { count: formatNumber(total) })
        : formatNumber(total);
    },
    [counts, countsCapped, formatNumber, t],
  );
  const totalForTab = countLabel(filters.status ?? '');

  const allSelected = items.length > 0 && items.every((ad) => selected.has(ad.id));
  const supervisor = user.role !== 'analyst';

  return (
    <section className="triage" hidden={hidden} aria-labelledby="triage-title">
      <div className="page-head">
        <h1 id="triage-title">{t('triage.title')}</h1>
        <span
          className={`live-dot${live ? ' on' : ''}`}
          title={live ? t('nav.live') : t('nav.offline')}
        >
          <span className="visually-hidden">{live ? t('nav.live') : t('nav.offline')}</span>
        </span>
        <span className="muted hint">{t('triage.hint')}</span>
      </div>

      <div className="tabs" role="group" aria-label={t('triage.statusTabs')}>
        {(['', ...ReviewStatuses] as const).map((status) => (
          <button
            key={status || 'all'}
            type="button"
            className="tab"
            aria-pressed={(filters.status ?? '') === status}
            onClick={() => setFilters({ ...filters, status })}
          >
            {status ? t(`status.${status}`) : t('status.all')}
            {counts && <span className="tab-count">{countLabel(status)}</span>}
          </button>
        ))}
      </div>

      <FiltersBar filters={filters} onChange={setFilters} />
      <label className="group-toggle">
        <input
          type="checkbox"
          checked={grouped}
          onChange={(event) => changeGrouping(event.target.checked)}
        />{' '}
        {t('triage.groupByCampaign')}
      </label>

      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {pendingNew > 0 && (
        <div className="new-pill" role="status">
          {t('triage.newAds', { count: formatNumber(pendingNew) })}{' '}
          <button type="button" className="link-button" onClick={() => void load(null)}>
            {t('triage.showNew')}
          </button>
        </div>
      )}
      {message && (
        <Banner
          kind={message.kind === 'error' ? 'error' : 'ok'}
          text={message.text}
          onReload={message.reloadId ? () => void reloadAd(message.reloadId ?? '') : undefined}
          onClose={() => setMessage(null)}
        />
      )}

      {selected.size > 0 && (
        <BulkBar
          count={selected.size}
          canCase={supervisor}
          onStatus={(status) => void decide(status)}
          onAssign={() => void assign()}
          onCase={() => void addToCase()}
          onClear={() => setSelected(new Set())}
        />
      )}

      <table className="queue">
        <thead>
          <tr>
            <th scope="col" className="col-check">
              <input
                type="checkbox"
                checked={allSelected}
                onChange={() =>
                  setSelected(allSelected ? new Set() : new Set(items.map((ad) => ad.id)))
                }
                aria-label={t('triage.selectAll')}
              />
            </th>
            <th scope="col" className="col-score">
              {t('triage.col.score')}
            </th>
            <th scope="col">{t('triage.col.title')}</th>
            <th scope="col" className="col-lang">
              {t('triage.col.lang')}
            </th>
            <th scope="col" className="col-source">
              {t('triage.col.source')}
            </th>
            <th scope="col" className="col-date">
              {t('triage.col.firstSeen')}
            </th>
            <th scope="col" className="col-status">
              {t('triage.col.status')}
            </th>
            <th scope="col" className="col-assignee">
              {t('triage.col.assignee')}
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((ad) => {
            const shown = ad.campaignId ? expanded.get(ad.campaignId) : undefined;
            return (
              <Fragment key={ad.id}>
                <AdRow
                  ad={ad}
                  focused={ad.id === focusedId}
                  selected={selected.has(ad.id)}
                  fresh={fresh.has(ad.id)}
                  onFocus={setFocusedId}
                  onToggle={toggle}
                  expanded={shown !== undefined}
                  onExpand={expand}
                />
                {shown !== undefined && <CampaignSubRows ads={shown} leadId={ad.id} />}
              </Fragment>
            );
          })}
        </tbody>
      </table>
      {!loading && !loadError && items.length === 0 && <p className="empty">{t('triage.empty')}</p>}
      {loadError && (
        <p className="error" role="alert">
          {loadError}{' '}
          <button type="button" className="button small" onClick={() => void load(null)}>
            {t('common.retry')}
          </button>
        </p>
      )}
      <div ref={sentinel} className="list-foot">
        {totalForTab !== null && items.length > 0 && (
          <span className="muted">
            {t('triage.count', {
              shown: formatNumber(items.length),
              total: totalForTab,
            })}
          </span>
        )}
        {loading && <span className="muted">{t('common.loading')}</span>}
        {cursor && !loading && (
          <button type="button" className="button small" onClick={() => void load(cursor)}>
            {t('common.loadMore')}
          </button>
        )}
      </div>
      {dialog}
    </section>
  );
}
