import { isLoopbackHost, type AboutResponse } from '@bridgepoint/contracts';
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
  const loopback = isLoopbackHost(new URL(url ?? window.location.origin).hostname);
  if (url === null) return loopback ? 'loopback' : 'unset';
  return loopback ? 'loopback' : null;
}
