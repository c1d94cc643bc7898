import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { isJoinCodeRefused, usePointSession } from '../operator/session';
import { PointMedia } from './PointMedia';

/**
 * `/point/:joinCode/broadcast`: the presenter's broadcast for a point, with the operator's session. A bad
 * or rotated join code gets the same clear answer as the operator's page.
 */
export function PointBroadcastPage() {
  const { t } = useTranslation();
  const { joinCode = '' } = useParams();
  const { session, error, retry } = usePointSession(joinCode);
  return (
    <main className="operator-main">
      <h1>{t('broadcast.pointTitle')}</h1>
      {isJoinCodeRefused(error) ? (
        <div className="notice notice-error operator-gate" role="alert" data-testid="operator-join-error">
          <p className="notice-title">{t('operator.joinInvalid')}</p>
          <p className="notice-detail">{t('operator.joinInvalidHint')}</p>
        </div>
      ) : session ? (
        <PointMedia conferenceId={session.conferenceId} token={session.accessToken} pointId={session.pointId} withUplink={false} />
      ) : error ? (
        <ErrorNotice error={error} onRetry={retry} />
      ) : (
        <Loading />
      )}
    </main>
  );
}
