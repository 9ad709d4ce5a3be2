import { useCallback, useEffect, useState } from 'react';
import { type LatLng, locate, relocate } from '../lib/location';

export interface LocationState {
  /** 'locating' while asking; 'denied' when there is no position (refused, unsupported, timed out). */
  status: 'locating' | 'ok' | 'denied';
  position: LatLng | null;
  retry: () => void;
}

export function useLocation(): LocationState {
  const [status, setStatus] = useState<LocationState['status']>('locating');
  const [position, setPosition] = useState<LatLng | null>(null);

  const run = useCallback(async (again: boolean) => {
    setStatus('locating');
    // Again after a refusal: through the settings page in WeChat (lib/location.ts).
    const found = again ? await relocate() : await locate();
    setPosition(found);
    setStatus(found ? 'ok' : 'denied');
  }, []);

  useEffect(() => {
    void run(false);
  }, [run]);

  return { status, position, retry: () => void run(true) };
}
