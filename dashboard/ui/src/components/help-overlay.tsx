import type { MessageKey } from '../i18n/index.js';
import { useI18n } from '../i18n/index.js';
import { Modal } from './modal.js';

/** Every shortcut, in the order an analyst learns them. */
export const shortcutList: [string, MessageKey][] = [
  ['j', 'help.next'],
  ['k', 'help.prev'],
  ['Enter / o', 'help.open'],
  ['i', 'help.review'],
  ['e', 'help.escalate'],
  ['c', 'help.confirm'],
  ['d', 'help.dismiss'],
  ['n', 'help.note'],
  ['a', 'help.assign'],
  ['x', 'help.select'],
  ['Shift + A', 'help.selectAll'],
  ['/', 'help.search'],
  ['?', 'help.help'],
  ['Esc', 'help.close'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Modal title={t('help.title')} onClose={onClose} wide>
      <p className="muted">{t('help.intro')}</p>
      <table className="shortcuts">
        <tbody>
          {shortcutList.map(([keys, label]) => (
            <tr key={keys}>
              <th scope="row">
                {keys.split(' / ').map((key, index) => (
                  <span key={key}>
                    {index > 0 && ' / '}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{t(label)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button type="button" className="button primary" onClick={onClose} autoFocus>
          {t('common.close')}
        </button>
      </div>
    </Modal>
  );
}
