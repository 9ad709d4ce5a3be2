import { useCallback, useEffect, useState } from 'react';
import { type LatLng, locate } from '../lib/location';

export interface LocationState {
  /** 'locating' while asking; 'denied' when there is no position (refused, unsupported, timed out). */
  status: 'locating' | 'ok' | 'denied';
  position: LatLng | null;
  retry: () => void;
}

export function useLocation(): LocationState {
  const [status, setStatus] = useState<LocationState['status']>('locating');
  const [position, setPosition] = useState<LatLng | null>(null);

  const run = useCallback(async () => {
    setStatus('locating');
    const found = await locate();
    setPosition(found);
    setStatus(found ? 'ok' : 'denied');
  }, []);

  useEffect(() => {
    void run();
  }, [run]);

  return { status, position, retry: () => void run() };
}
