import type { AboutResponse } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { request } from './api';

function useAbout() {
  return useQuery({
    queryKey: ['about'],
    queryFn: () => request<AboutResponse>('/about', { anonymous: true }),
    staleTime: Infinity,
  });
}

/** The address people open (PUBLIC_URL), else the one this browser uses. */
export function usePublicBase(): string {
  const about = useAbout();
  return (about.data?.publicUrl ?? window.location.origin).replace(/\/+$/, '');
}

/**
 * Whether links built on the public base would open for operators elsewhere: `unset` (the server has no
 * PUBLIC_URL, so this browser's address is used) or `loopback`; null when fine or not yet known.
 */
export function usePublicUrlWarning(): 'unset' | 'loopback' | null {
  const about = useAbout();
  if (!about.data) return null;
  const url = about.data.publicUrl ?? null;
  const host = new URL(url ?? window.location.origin).hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host) || host === '0.0.0.0';
  if (url === null) return loopback ? 'loopback' : 'unset';
  return loopback ? 'loopback' : null;
}
