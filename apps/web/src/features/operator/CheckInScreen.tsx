import type { PointAttendanceDto, PointSessionResponse } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { roomCodeApi } from '../../lib/endpoints';
import { useNow } from '../../lib/elapsed';
import { useLive } from '../../lib/live';
import { usePublicBase } from '../../lib/publicBase';
import { QrCode } from '../points/QrCode';
import { usePointSession } from './session';

/** `/point/:joinCode/checkin-screen`: for the room's projector or TV, a QR code delegates scan to check themselves in. */
export function CheckInScreen() {
  const { joinCode = '' } = useParams();
  const { session, error, retry } = usePointSession(joinCode);
  if (session) return <Screen joinCode={joinCode} session={session} />;
  if (error) return <ErrorNotice error={error} onRetry={retry} />;
  return <Loading />;
}

function Screen({ joinCode, session }: { joinCode: string; session: PointSessionResponse }) {
  const { t } = useTranslation();
  const base = usePublicBase();
  const now = useNow(1000);
  const [point, setPoint] = useState<PointAttendanceDto | null>(null);
  const code = useQuery({
    queryKey: ['room-code', session.pointId],
    queryFn: () => roomCodeApi(session),
    // A new code every period: ask again as the next one starts (each is valid for two).
    refetchInterval: (q) => (q.state.data ? Math.max(1000, Date.parse(q.state.data.expiresAt) - 60_000 - Date.now() + 500) : 5000),
    refetchIntervalInBackground: true,
  });
  useLive({ token: session.accessToken, conferenceId: session.conferenceId, onPoint: setPoint });
  useEffect(() => {
    document.title = t('checkinScreen.title');
  }, [t]);

  const url = code.data ? `${base}/d/${code.data.roomCode}` : null;
  const secondsLeft = code.data ? Math.max(0, Math.ceil((Date.parse(code.data.expiresAt) - 60_000 - now) / 1000)) : null;
  return (
    <div className="checkin-screen" data-testid="checkin-screen">
      <Link to={`/point/${encodeURIComponent(joinCode)}`} className="btn btn-ghost checkin-exit">
        {t('checkinScreen.exit')}
      </Link>
      <div className="checkin-qr-column">
        {code.isError && <ErrorNotice error={code.error} onRetry={() => void code.refetch()} />}
        {url ? (
          <div className="checkin-qr" data-room-url={url}>
            <QrCode text={url} label={t('checkinScreen.qrLabel')} />
          </div>
        ) : (
          !code.isError && <Loading />
        )}
      </div>
      <div className="checkin-text">
        <h1>{t('checkinScreen.title')}</h1>
        <p className="checkin-subtitle">{t('checkinScreen.subtitle')}</p>
        {point && <p className="checkin-point">{point.name}</p>}
        {point && (
          <p className="checkin-count" data-testid="checkin-count">
            {t('checkinScreen.checkedIn', { count: point.delegatesCheckedIn, expected: point.expectedDelegates })}
          </p>
        )}
        {secondsLeft !== null && <p className="muted">{t('checkinScreen.changesIn', { seconds: secondsLeft })}</p>}
      </div>
    </div>
  );
}
