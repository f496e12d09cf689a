import { useState } from 'react';
import type { AdDetail } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

/**
 * Where and when the ad was captured, with its hash, screenshot and the raw page. The raw page is
 * only ever a download or an <iframe sandbox=""> (no scripts, no same-origin): scraped HTML never
 * becomes part of the dashboard's own document.
 */
export function CapturePanel({ ad }: { ad: AdDetail }) {
  const { t, formatDate } = useI18n();
  const [showRaw, setShowRaw] = useState(false);
  const capture = ad.capture;
  const base = `/api/ads/${encodeURIComponent(ad.id)}`;
  if (!capture) {
    return (
      <section className="panel" aria-labelledby="capture-title">
        <h2 id="capture-title">{t('ad.capture')}</h2>
        <p className="muted">{t('ad.noCapture')}</p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="capture-title">
      <h2 id="capture-title">{t('ad.capture')}</h2>
      <dl className="facts">
        <div>
          <dt>{t('ad.url')}</dt>
          <dd className="break">
            {/* rel="noreferrer" and a new tab: the site must not learn where the analyst came from. */}
            {/^https?:\/\//i.test(capture.url) ? (
              <a href={capture.url} target="_blank" rel="noreferrer noopener">
                {capture.url}
              </a>
            ) : (
              capture.url
            )}
          </dd>
        </div>
        {capture.finalUrl && capture.finalUrl !== capture.url && (
          <div>
            <dt>{t('ad.finalUrl')}</dt>
            <dd className="break">{capture.finalUrl}</dd>
          </div>
        )}
        <div>
          <dt>{t('ad.fetchedAt')}</dt>
          <dd>
            <time dateTime={capture.fetchedAt}>{formatDate(capture.fetchedAt)}</time>
          </dd>
        </div>
        <div>
          <dt>{t('ad.httpStatus')}</dt>
          <dd>{capture.status}</dd>
        </div>
        <div>
          <dt>{t('ad.sha256')}</dt>
          <dd className="hash" data-testid="capture-sha256">
            {capture.sha256}
          </dd>
        </div>
      </dl>
      <div className="row-actions">
        <a className="button small" href={`${base}/raw`} download>
          {t('ad.rawDownload')}
        </a>
        <button
          type="button"
          className="button small"
          aria-expanded={showRaw}
          onClick={() => setShowRaw(!showRaw)}
        >
          {showRaw ? t('ad.rawHide') : t('ad.rawShow')}
        </button>
      </div>
      {showRaw && (
        <iframe
          className="raw-frame"
          sandbox=""
          src={`${base}/raw/view`}
          title={t('ad.rawFrame')}
          referrerPolicy="no-referrer"
        />
      )}
      {capture.hasScreenshot && (
        <figure className="screenshot">
          <figcaption>{t('ad.screenshot')}</figcaption>
          <a href={`${base}/screenshot`} target="_blank" rel="noreferrer">
            <img src={`${base}/screenshot`} alt={t('ad.screenshotAlt')} loading="lazy" />
          </a>
        </figure>
      )}
    </section>
  );
}
