import { useEffect, useState, type FormEvent } from 'react';
import { endpoints } from '../api/endpoints.js';
import type { CaseInfo } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from './error-text.js';
import { Modal } from './modal.js';

interface DialogProps<T> {
  title: string;
  onCancel: () => void;
  onSubmit: (value: T) => void;
}

/** Loads a list once for a dialog, with its error. */
function useList<T>(load: () => Promise<T[]>): { items: T[] | null; error: string | null } {
  const { t } = useI18n();
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setItems(value),
      (failure: unknown) => live && setError(describeError(failure, t)),
    );
    return () => {
      live = false;
    };
    // The loader is fixed for the dialog's lifetime.
  }, []);
  return { items, error };
}

/** A dialog's Cancel and submit buttons. */
function DialogActions({
  kind,
  label,
  onCancel,
  disabled = false,
}: {
  kind: 'primary' | 'danger';
  label: string;
  onCancel: () => void;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  return (
    <div className="modal-actions">
      <button type="button" className="button" onClick={onCancel}>
        {t('common.cancel')}
      </button>
      <button type="submit" className={`button ${kind}`} disabled={disabled}>
        {label}
      </button>
    </div>
  );
}

/** Why a dialog's list could not be loaded, if it could not. */
function ErrorLine({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

/** Asks for a dismissal reason from the configured list; digits pick a reason directly. */
export function DismissDialog({ title, onCancel, onSubmit }: DialogProps<string>) {
  const { t } = useI18n();
  const { items, error } = useList(() => endpoints.dismissReasons().then((r) => r.reasons));
  const [reason, setReason] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reason) onSubmit(reason);
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit}>
        <fieldset
          className="radio-list"
          onKeyDown={(event) => {
            const picked = items?.[Number(event.key) - 1];
            if (picked) {
              event.preventDefault();
              setReason(picked);
            }
          }}
        >
          <legend>{t('dialog.chooseReason')}</legend>
          {items === null && !error && <p className="muted">{t('common.loading')}</p>}
          <ErrorLine error={error} />
          {items?.map((item, index) => (
            <label key={item}>
              <input
                type="radio"
                name="reason"
                value={item}
                checked={reason === item}
                onChange={() => setReason(item)}
                autoFocus={index === 0}
              />
              <span className="radio-key">{index < 9 ? index + 1 : ''}</span> {item}
            </label>
          ))}
        </fieldset>
        <DialogActions
          kind="danger"
          label={t('action.dismiss')}
          onCancel={onCancel}
          disabled={!reason}
        />
      </form>
    </Modal>
  );
}

/** A free-text note. */
export function NoteDialog({ title, onCancel, onSubmit }: DialogProps<string>) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim()) onSubmit(text.trim());
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('dialog.noteLabel')}</span>
          <textarea
            rows={5}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={(event) => {
              // Ctrl/Cmd+Enter saves without reaching for the mouse.
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) submit(event);
            }}
            autoFocus
            maxLength={5000}
          />
        </label>
        <DialogActions
          kind="primary"
          label={t('common.save')}
          onCancel={onCancel}
          disabled={!text.trim()}
        />
      </form>
    </Modal>
  );
}

/** Picks an assignee (or nobody) from the users who may be assigned. */
export function AssignDialog({
  title,
  current,
  onCancel,
  onSubmit,
}: DialogProps<string> & { current: string | null }) {
  const { t } = useI18n();
  const { items, error } = useList(() => endpoints.assignable().then((r) => r.users));
  const [value, setValue] = useState(current ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit(value);
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('dialog.assignee')}</span>
          <select value={value} onChange={(event) => setValue(event.target.value)} autoFocus>
            <option value="">{t('dialog.nobody')}</option>
            {items?.map((user) => (
              <option key={user.username} value={user.username}>
                {user.username}
              </option>
            ))}
          </select>
        </label>
        <ErrorLine error={error} />
        <DialogActions kind="primary" label={t('action.assign')} onCancel={onCancel} />
      </form>
    </Modal>
  );
}

/** Picks one of the existing cases. */
export function CaseDialog({ title, onCancel, onSubmit }: DialogProps<CaseInfo>) {
  const { t } = useI18n();
  const { items, error } = useList(() => endpoints.cases().then((r) => r.cases));
  const [id, setId] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const chosen = items?.find((item) => item.id === id);
    if (chosen) onSubmit(chosen);
  };
  return (
    <Modal title={title} onClose={onCancel}>
      <form onSubmit={submit}>
        <label className="field">
          <span>{t('dialog.case')}</span>
          <select value={id} onChange={(event) => setId(event.target.value)} autoFocus>
            <option value="">{t('dialog.chooseCase')}</option>
            {items?.map((item) => (
              <option key={item.id} value={item.id}>
                {item.name}
              </option>
            ))}
          </select>
        </label>
        {items?.length === 0 && <p className="muted">{t('cases.empty')}</p>}
        <ErrorLine error={error} />
        <DialogActions
          kind="primary"
          label={t('action.addToCase')}
          onCancel={onCancel}
          disabled={!id}
        />
      </form>
    </Modal>
  );
}
