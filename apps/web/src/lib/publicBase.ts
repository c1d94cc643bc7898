import type { AboutResponse } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { request } from './api';

/** The address people open (PUBLIC_URL), else the one this browser uses. */
export function usePublicBase(): string {
  const about = useQuery({
    queryKey: ['about'],
    queryFn: () => request<AboutResponse>('/about', { anonymous: true }),
    staleTime: Infinity,
  });
  return (about.data?.publicUrl ?? window.location.origin).replace(/\/+$/, '');
}
