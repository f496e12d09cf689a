import { useCallback, useState, type ReactNode } from 'react';
import type { CaseInfo } from '../api/types.js';
import { useI18n } from '../i18n/index.js';
import { AssignDialog, CaseDialog, DismissDialog, NoteDialog } from './decision-dialogs.js';

/** The question a dialog asks, and the answer it resolves to. */
interface Answers {
  dismiss: string;
  note: string;
  /** The empty string means nobody. */
  assign: string;
  case: CaseInfo;
}
type Kind = keyof Answers;

interface Open {
  kind: Kind;
  count: number;
  current: string | null;
  resolve: (value: unknown) => void;
}

/**
 * Asks the analyst for a reason, a note, an assignee or a case as a promise, so an action reads
 * top to bottom: `const reason = await ask('dismiss'); if (reason) ...`. Null means cancelled.
 */
export function useAsk(): {
  ask: <K extends Kind>(
    kind: K,
    options?: { count?: number; current?: string | null },
  ) => Promise<Answers[K] | null>;
  dialog: ReactNode;
} {
  const { t } = useI18n();
  const [open, setOpen] = useState<Open | null>(null);

  const ask = useCallback(
    <K extends Kind>(kind: K, options: { count?: number; current?: string | null } = {}) =>
      new Promise<Answers[K] | null>((resolve) => {
        setOpen({
          kind,
          count: options.count ?? 1,
          current: options.current ?? null,
          resolve: resolve as (value: unknown) => void,
        });
      }),
    [],
  );

  let dialog: ReactNode = null;
  if (open) {
    const finish = (value: unknown) => {
      setOpen(null);
      open.resolve(value);
    };
    const cancel = () => finish(null);
    const plural = open.count > 1;
    if (open.kind === 'dismiss') {
      dialog = (
        <DismissDialog
          title={
            plural ? t('dialog.dismissBulkTitle', { count: open.count }) : t('dialog.dismissTitle')
          }
          onCancel={cancel}
          onSubmit={finish}
        />
      );
    } else if (open.kind === 'note') {
      dialog = <NoteDialog title={t('dialog.noteTitle')} onCancel={cancel} onSubmit={finish} />;
    } else if (open.kind === 'assign') {
      dialog = (
        <AssignDialog
          title={plural ? `${t('dialog.assignTitle')} (${open.count})` : t('dialog.assignTitle')}
          current={open.current}
          onCancel={cancel}
          onSubmit={finish}
        />
      );
    } else {
      dialog = <CaseDialog title={t('dialog.caseTitle')} onCancel={cancel} onSubmit={finish} />;
    }
  }
  return { ask, dialog };
}
