import { useState } from 'react';
import { ApiError } from '../api/client.js';
import { describeError } from '../components/error-text.js';
import { LoadStatus } from '../components/load-status.js';
import { Modal } from '../components/modal.js';
import { useI18n, type MessageKey } from '../i18n/index.js';
import { useLoad } from '../screens/use-load.js';
import { ModelCard } from './model-card.js';
import { modelsApi, type ModelView } from './models.api.js';
import { ShadowPanel } from './shadow-panel.js';

type NoticeKey = Extract<
  MessageKey,
  'models.shadowStarted' | 'models.activatedDone' | 'models.rolledBack'
>;

/**
 * The supervisors' model registry: the models side by side with their figures, each shadow run
 * with the ads the two models flag differently, and a candidate's shadow run, activation and
 * rollback (each audited by the server, which also says why it refuses one).
 */
export function ModelsScreen() {
  const { t, formatNumber } = useI18n();
  const [version, setVersion] = useState(0);
  const { data, error } = useLoad(() => modelsApi.list(), [version]);
  // Kept as a message key and the model's version, so that it follows a change of language.
  const [notice, setNotice] = useState<{ key: NoticeKey; version: string } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rollingBack, setRollingBack] = useState<ModelView | null>(null);

  const act = async (action: () => Promise<ModelView>, done: NoticeKey) => {
    setBusy(true);
    setNotice(null);
    setFailure(null);
    try {
      setNotice({ key: done, version: (await action()).version });
    } catch (caught) {
      // A 409 is the registry saying no (a run too short, a model changed meanwhile): its reason.
      setFailure(
        caught instanceof ApiError && caught.status === 409
          ? t('models.refused', { message: caught.message })
          : describeError(caught, t),
      );
    } finally {
      setBusy(false);
      setVersion((v) => v + 1);
    }
  };
  const startShadow = (model: string) =>
    void act(() => modelsApi.startShadow(model), 'models.shadowStarted');
  const activate = (model: string) =>
    void act(() => modelsApi.activate(model), 'models.activatedDone');
  const rollback = () => {
    setRollingBack(null);
    void act(() => modelsApi.rollback(), 'models.rolledBack');
  };
  const refresh = () => {
    setNotice(null);
    setFailure(null);
    setVersion((v) => v + 1);
  };
  const shadowed = (data?.models ?? []).filter(
    (m): m is ModelView & { shadow: NonNullable<ModelView['shadow']> } => m.shadow !== null,
  );

  return (
    <section className="page models" aria-labelledby="models-title">
      <div className="page-head">
        <h1 id="models-title">{t('models.title')}</h1>
        <button type="button" className="button small" disabled={busy} onClick={refresh}>
          {t('common.refresh')}
        </button>
      </div>
      {data && (
        <p className="muted models-intro">
          {t('models.intro', {
            ads: formatNumber(data.rules.shadowMinAds),
            hours: formatNumber(data.rules.shadowMinHours, 1),
          })}
        </p>
      )}
      <LoadStatus error={error} loaded={data !== null} />
      {notice && (
        <p className="notice" role="status">
          {t(notice.key, { version: notice.version })}
        </p>
      )}
      {failure && (
        <p className="error" role="alert" data-testid="models-failure">
          {failure}
        </p>
      )}
      {data && data.models.length === 0 && <p className="empty">{t('models.none')}</p>}
      {data && data.models.length > 0 && (
        <div className="model-cards">
          {data.models.map((model) => (
            <ModelCard
              key={model.version}
              model={model}
              busy={busy}
              onStartShadow={startShadow}
              onActivate={activate}
              onRollback={setRollingBack}
            />
          ))}
        </div>
      )}
      {shadowed.map((model) => (
        <ShadowPanel key={model.version} model={model} version={version} />
      ))}
      {rollingBack && (
        <Modal title={t('models.rollbackTitle')} onClose={() => setRollingBack(null)}>
          <p>
            {t('models.rollbackConfirm', {
              current: rollingBack.version,
              previous: rollingBack.previousActive ?? '',
            })}
          </p>
          <div className="modal-actions">
            <button type="button" className="button" onClick={() => setRollingBack(null)} autoFocus>
              {t('common.cancel')}
            </button>
            <button type="button" className="button danger" onClick={rollback}>
              {t('models.rollback')}
            </button>
          </div>
        </Modal>
      )}
    </section>
  );
}
