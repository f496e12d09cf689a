import { useId } from 'react';
import { useI18n } from '../i18n/index.js';
import { FiguresPanel } from './figures-panel.js';
import type { ModelView } from './models.api.js';

export interface ModelCardProps {
  model: ModelView;
  /** An action is under way: every button waits. */
  busy: boolean;
  onStartShadow: (version: string) => void;
  onActivate: (version: string) => void;
  /** Offered on the model in force when it replaced another. */
  onRollback: (model: ModelView) => void;
}

const statusPill = {
  active: 'good',
  shadow: 'warn',
  candidate: 'info',
  retired: 'retired',
} as const;

/**
 * One model's column: status, who registered and activated it and when, where it came from, its
 * file's figures, and what may be done with it now (a refused activation says why).
 */
export function ModelCard({ model, busy, onStartShadow, onActivate, onRollback }: ModelCardProps) {
  const { t, formatDate, formatNumber } = useI18n();
  const titleId = useId();
  const refusalId = useId();
  const stamp = (s: { by: string; at: string } | null) =>
    s ? t('models.stamp', { user: s.by, date: formatDate(s.at) }) : null;
  const registered = model.committed
    ? t('models.shipped')
    : (stamp(model.registered) ?? t('models.shipped'));
  const facts: [string, string | null][] = [
    [t('models.registered'), registered],
    [t('models.activated'), stamp(model.activated)],
    [t('models.retired'), stamp(model.retired)],
    [t('models.origin'), model.origin],
    [t('models.replaced'), model.previousActive],
    [t('models.format'), model.format],
    [
      t('models.file'),
      t('models.fileFigures', {
        size: formatNumber(model.bytes / 1024),
        hash: model.sha256.slice(0, 12),
      }),
    ],
  ];
  const canShadow =
    !model.committed && (model.status === 'candidate' || model.status === 'retired');
  const refused = !model.inForce && model.activationRefusal !== null;
  const canRollback = model.inForce && model.previousActive !== null;

  return (
    <article
      className={model.inForce ? 'panel model-card in-force' : 'panel model-card'}
      aria-labelledby={titleId}
      data-testid="model-card"
      data-version={model.version}
    >
      <header className="model-head">
        <h2 id={titleId} className="model-version">
          {model.version}
        </h2>
        <p className="model-pills">
          <span className={`pill ${statusPill[model.status]}`} data-testid="model-status">
            {t(`models.status.${model.status}`)}
          </span>
          {model.inForce && (
            <span className="pill good" data-testid="in-force">
              {t('models.inForce')}
            </span>
          )}
          {model.committed && <span className="pill info">{t('models.committed')}</span>}
        </p>
      </header>
      <dl className="facts model-facts">
        {facts
          .filter((fact): fact is [string, string] => fact[1] !== null)
          .map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd className="break">{value}</dd>
            </div>
          ))}
      </dl>
      <FiguresPanel figures={model.figures} />
      {(canShadow || !model.inForce || canRollback) && (
        <div
          className="model-actions"
          role="group"
          aria-label={t('models.actions', { version: model.version })}
        >
          {canShadow && (
            <button
              type="button"
              className="button"
              disabled={busy}
              onClick={() => onStartShadow(model.version)}
            >
              {t('models.startShadow')}
            </button>
          )}
          {!model.inForce && (
            <button
              type="button"
              className="button primary"
              disabled={busy || refused}
              aria-describedby={refused ? refusalId : undefined}
              onClick={() => onActivate(model.version)}
            >
              {t('models.activate')}
            </button>
          )}
          {canRollback && (
            <button
              type="button"
              className="button danger"
              disabled={busy}
              onClick={() => onRollback(model)}
            >
              {t('models.rollbackTo', { version: model.previousActive ?? '' })}
            </button>
          )}
        </div>
      )}
      {refused && (
        <p id={refusalId} className="model-refusal small" data-testid="activation-refusal">
          {t('models.cannotActivate', { reason: model.activationRefusal ?? '' })}
        </p>
      )}
    </article>
  );
}
