import { useCallback, useEffect, useState } from 'react';
import { reconnect } from '../../lib/api/session';
import { sendWaiting } from './delivery';
import { entries, onOutboxChange, type OutboxEntry } from './outbox';

/** The person's outbox entries, kept current as the outbox changes in any tab. */
export function useOutbox(username: string | undefined): OutboxEntry[] {
  const [list, setList] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    if (!username) {
      setList([]);
      return undefined;
    }
    let live = true;
    const load = () => {
      void entries(username).then((e) => {
        if (live) setList(e);
      });
    };
    load();
    const stop = onOutboxChange(load);
    return () => {
      live = false;
      stop();
    };
  }, [username]);
  return list;
}

const RETRY_MS = 30000;

/** Sends waiting items when the app starts, when the connection returns, and every 30 s while any wait. */
export function useOutboxSender(username: string | undefined, waiting: number): () => void {
  const sendNow = useCallback(() => {
    if (!username) return;
    void reconnect().then(() => sendWaiting(username));
  }, [username]);

  useEffect(() => {
    if (!username) return undefined;
    sendNow();
    window.addEventListener('online', sendNow);
    return () => window.removeEventListener('online', sendNow);
  }, [username, sendNow]);

  useEffect(() => {
    if (!username || waiting === 0) return undefined;
    const timer = setInterval(sendNow, RETRY_MS);
    return () => clearInterval(timer);
  }, [username, waiting, sendNow]);

  return sendNow;
}
