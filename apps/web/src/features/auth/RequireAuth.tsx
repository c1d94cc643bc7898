import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { tokenStore } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';

/** Renders its children for a signed-in user; otherwise sends the browser to /login and back here after. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const location = useLocation();
  const token = tokenStore.get();
  const me = useQuery({ queryKey: queryKeys.me, queryFn: api.me, enabled: token !== null, staleTime: 5 * 60_000 });

  if (!token) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (me.isPending) {
    return (
      <div className="page-center">
        <Loading />
      </div>
    );
  }
  if (me.isError) {
    return (
      <div className="page-center">
        <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  }
  return children;
}
