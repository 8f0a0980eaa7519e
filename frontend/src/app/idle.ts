import { useEffect } from 'react';
import { lock } from '../lib/api/session';
import { idleLimitSeconds } from '../lib/device/vault';

const ACTIVITY = ['pointerdown', 'keydown', 'input', 'scroll', 'touchstart'] as const;

/**
 * Locks the device when the person has done nothing for the idle limit (the service's idle timeout, 30 min by
 * default), as the service ends an unused sign-in: on a shared ward phone the next person cannot carry on as them.
 */
export function useIdleLock(username: string): void {
  useEffect(() => {
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    ACTIVITY.forEach((e) => window.addEventListener(e, touch, { capture: true, passive: true }));
    const check = () => {
      if (Date.now() - last >= idleLimitSeconds(username) * 1000) lock();
    };
    const timer = setInterval(check, 1000);
    // a phone's browser pauses timers in the background: check as soon as the page is shown again
    document.addEventListener('visibilitychange', check);
    return () => {
      ACTIVITY.forEach((e) => window.removeEventListener(e, touch, { capture: true }));
      clearInterval(timer);
      document.removeEventListener('visibilitychange', check);
    };
  }, [username]);
}
