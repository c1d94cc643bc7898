import type { DelegateSessionResponse } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { StandaloneHeader } from '../../components/StandaloneHeader';
import { isApiError } from '../../lib/api';
import { api } from '../../lib/endpoints';
import { DelegateConsole } from './DelegateConsole';
import { IdentifyForm } from './IdentifyForm';
import { delegateSessionStore } from './session';

/**
 * `/d/:roomCode`: a delegate's own phone, opened from the QR code on the room's screen. Says who they
 * are, checks in with one tap, then follows the conference. A session, once open, outlives the room code.
 */
export function DelegatePage() {
  const { roomCode = '' } = useParams();
  const [session, setSession] = useState<DelegateSessionResponse | null>(() => delegateSessionStore.get());
  const signOut = useCallback(() => {
    delegateSessionStore.clear();
    setSession(null);
  }, []);
  const opened = useCallback((s: DelegateSessionResponse) => {
    delegateSessionStore.set(s);
    setSession(s);
  }, []);

  return (
    <div className="app delegate-app">
      <StandaloneHeader className="delegate-header" />
      <main id="main" className="delegate-main" tabIndex={-1}>
        {session ? <DelegateConsole key={session.delegateId} session={session} onSignOut={signOut} /> : <Room roomCode={roomCode} onOpened={opened} />}
      </main>
    </div>
  );
}

function Room({ roomCode, onOpened }: { roomCode: string; onOpened: (s: DelegateSessionResponse) => void }) {
  const { t } = useTranslation();
  const room = useQuery({ queryKey: ['room', roomCode], queryFn: () => api.room(roomCode), retry: (n, e) => !isApiError(e) || (e.status >= 500 && n < 5) });
  if (room.isPending) return <Loading label={t('delegate.loadingRoom')} />;
  if (room.isError) {
    if (isApiError(room.error) && room.error.status === 401) {
      return (
        <div className="notice notice-error" role="alert" data-testid="delegate-room-invalid">
          <p className="notice-title">{t('delegate.roomInvalid')}</p>
          <p className="notice-detail">{t('delegate.roomInvalidHint')}</p>
        </div>
      );
    }
    return <ErrorNotice error={room.error} onRetry={() => void room.refetch()} />;
  }
  return <IdentifyForm room={room.data} roomCode={roomCode} onOpened={onOpened} />;
}
