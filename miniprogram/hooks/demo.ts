import { health } from '../../shared/contracts/health';
import { api } from '../api/client';
import { isH5 } from '../lib/env';
import { useResource } from './useResource';

/** Whether the server offers the demo resident (GET /api/health → demo). Only asked in a browser. */
export function useDemoMode(): boolean {
  const reply = useResource(async () => (await api(health, undefined, { silent: true })).demo, [], isH5);
  return reply.data === true;
}
