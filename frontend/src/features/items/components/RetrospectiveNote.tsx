import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Selects the text of an element, so the person can copy it themselves. */
function select(element: HTMLElement) {
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * The line a clerk pastes into the clinical record beside a late entry, saying where it came from and who did what
 * when, with a button that copies it. Where the browser will not copy (no permission, an old browser), the text is
 * selected for the person to copy.
 */
export function RetrospectiveNote({ text }: { text: string }) {
  const { t } = useTranslation();
  const note = useRef<HTMLParagraphElement>(null);
  const [message, setMessage] = useState('');

  const copy = async () => {
    setMessage('');
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(text);
      setMessage(t('item.copied'));
    } catch {
      if (note.current) select(note.current);
      setMessage(t('item.copySelected'));
    }
  };

  return (
    <section className="panel" aria-labelledby="note-title">
      <h2 id="note-title">{t('item.noteTitle')}</h2>
      <p id="note-hint" className="hint">{t('item.noteHint')}</p>
      <p ref={note} id="note-text" className="copy-text">{text}</p>
      <div className="actions">
        <button type="button" aria-describedby="note-hint" onClick={() => void copy()}>{t('item.copy')}</button>
      </div>
      <p className="status" role="status" aria-live="polite">{message}</p>
    </section>
  );
}
