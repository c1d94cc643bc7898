import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Loading } from '../../components/Loading';
import { usePointSession } from '../operator/session';
import { PointMedia } from './PointMedia';

/** `/point/:joinCode/broadcast`: the presenter's broadcast for a point, with the operator's session. */
export function PointBroadcastPage() {
  const { t } = useTranslation();
  const { joinCode = '' } = useParams();
  const { session } = usePointSession(joinCode);
  return (
    <main className="operator-main">
      <h1>{t('broadcast.pointTitle')}</h1>
      {session ? <PointMedia conferenceId={session.conferenceId} token={session.accessToken} pointId={session.pointId} withUplink={false} /> : <Loading />}
    </main>
  );
}
