import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/index.js';

export interface ModalProps {
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Wide dialogs hold tables (the help overlay). */
  wide?: boolean;
}

/**
 * A modal on the native <dialog>: the browser traps focus, makes the page behind inert and turns
 * Esc into a cancel event, so keyboard users get the right behaviour without a library.
 */
export function Modal({ title, onClose, children, wide }: ModalProps) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return undefined;
    const previous = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => {
      event.preventDefault();
      closeRef.current();
    };
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
      previous?.focus?.();
    };
  }, []);

  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId}>
      <header className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button
          type="button"
          className="icon-button"
          onClick={onClose}
          aria-label={t('common.close')}
        >
          ×
        </button>
      </header>
      {children}
    </dialog>
  );
}
