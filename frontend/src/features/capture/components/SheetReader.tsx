import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isValidSheetId, normaliseSheetId } from '../../../lib/captured/sheetId';
import { Dialog } from '../../../lib/ui/Dialog';
import { decodeFrame, decodePhoto, openCamera } from '../scan';

/** How often the camera's picture is searched for a code. */
const SCAN_EVERY_MS = 250;

/**
 * Fills the sheet id from the QR code printed on the sheet: "Scan sheet" opens the rear camera and reads the code as
 * soon as it is in view; "Photo of the sheet" reads it from a still photo, for phones where the camera cannot be
 * opened from the page. A code that is not a sheet id is not used.
 */
export function SheetReader({ idPrefix = '', onRead }: { idPrefix?: string; onRead: (sheetId: string) => void }) {
  const { t } = useTranslation();
  const [scanning, setScanning] = useState(false);
  const [message, setMessage] = useState('');

  /** The text of a code: used when it is a sheet id, said so otherwise. */
  const take = (text: string | null): boolean => {
    if (text === null) return false;
    const id = normaliseSheetId(text);
    if (!isValidSheetId(id)) {
      setMessage(t('capture.scanNotSheet'));
      return false;
    }
    onRead(id);
    setMessage(t('capture.scanRead', { sheetId: id }));
    return true;
  };

  const readPhoto = async (file: File | undefined) => {
    if (!file) return;
    setMessage(t('capture.scanReading'));
    try {
      const text = await decodePhoto(file);
      if (text === null) setMessage(t('capture.scanNoCode'));
      else take(text);
    } catch {
      setMessage(t('capture.scanNoCode'));
    }
  };

  return (
    <div className="sheet-reader">
      <button type="button" onClick={() => { setMessage(''); setScanning(true); }}>{t('capture.scan')}</button>
      <input
        id={`${idPrefix}sheetPhoto`} className="visually-hidden" type="file" accept="image/*" capture="environment"
        onChange={(e) => {
          const input = e.currentTarget;
          void readPhoto(input.files?.[0]).finally(() => { input.value = ''; });
        }}
      />
      {/* The file input itself stays focusable (hidden from sight only); its label looks like a button. */}
      <label className="button file-button" htmlFor={`${idPrefix}sheetPhoto`}>{t('capture.scanPhoto')}</label>
      <p className="status" role="status" aria-live="polite">{message}</p>
      <Dialog open={scanning} title={t('capture.scanTitle')} onClose={() => setScanning(false)}>
        {scanning ? (
          <CameraScan
            onCode={(text) => {
              if (take(text)) setScanning(false);
            }}
            onFail={() => {
              setScanning(false);
              setMessage(t('capture.scanNoCamera'));
            }}
          />
        ) : null}
        <div className="actions">
          <button type="button" onClick={() => setScanning(false)}>{t('common.cancel')}</button>
        </div>
      </Dialog>
    </div>
  );
}

/** The camera's picture, searched for a code a few times a second until one is read or the dialog closes. */
function CameraScan({ onCode, onFail }: { onCode: (text: string) => void; onFail: () => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const handlers = useRef({ onCode, onFail });
  handlers.current = { onCode, onFail };

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setInterval> | undefined;
    let busy = false;
    openCamera().then((opened) => {
      if (stopped) {
        opened.getTracks().forEach((track) => track.stop());
        return;
      }
      stream = opened;
      const element = video.current;
      if (!element) return;
      element.srcObject = opened;
      void element.play().catch(() => undefined);
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        decodeFrame(element)
          .then((text) => { if (text !== null && !stopped) handlers.current.onCode(text); })
          .catch(() => undefined)
          .finally(() => { busy = false; });
      }, SCAN_EVERY_MS);
    }, () => {
      if (!stopped) handlers.current.onFail();
    });
    return () => {
      stopped = true;
      clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  return (
    <>
      <p>{t('capture.scanHelp')}</p>
      <video ref={video} className="scan-video" muted playsInline aria-label={t('capture.scanVideo')} />
    </>
  );
}
