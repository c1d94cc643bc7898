import { randomUuid } from './uuid';

const KEY = 'bridgepoint.clientId';
let cached: string | null = null;

/**
 * This tab's id, sent with every socket handshake (`?client=`): a proxy in front of several api
 * replicas keeps one page's long-polling requests on one replica by it, and spreads the pages of an
 * office behind one NAT address. Kept for the tab's life (sessionStorage), so a reload keeps its replica.
 */
export function clientId(): string {
  if (cached) return cached;
  try {
    cached = sessionStorage.getItem(KEY);
    if (!cached) {
      cached = randomUuid();
      sessionStorage.setItem(KEY, cached);
    }
  } catch {
    cached = randomUuid();
  }
  return cached;
}
