import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { StandaloneHeader } from '../../components/StandaloneHeader';
import { OperatorConsole } from './OperatorConsole';
import { isJoinCodeRefused, isRateLimited, usePointSession } from './session';

/** Join attempts are limited per minute and per address: wait that long before trying again. */
const RATE_LIMIT_WAIT_MS = 60_000;

/** `/point/:joinCode`: the page a bridge point's operator opens from the link or QR code. */
export function OperatorPage() {
  const { t } = useTranslation();
  const { joinCode = '' } = useParams();
  return (
    <div className="app operator-app">
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <StandaloneHeader className="operator-header" />
      <main id="main" className="operator-main" tabIndex={-1}>
        <SessionGate key={joinCode} joinCode={joinCode} />
      </main>
    </div>
  );
}

function SessionGate({ joinCode }: { joinCode: string }) {
  const { t } = useTranslation();
  const { session, error, failureCount, retry, renew, renewing } = usePointSession(joinCode);
  const rateLimited = isRateLimited(error);

  useEffect(() => {
    if (!rateLimited) return;
    const timer = setTimeout(retry, RATE_LIMIT_WAIT_MS);
    return () => clearTimeout(timer);
  }, [rateLimited, retry]);

  if (isJoinCodeRefused(error)) {
    return (
      <div className="notice notice-error operator-gate" role="alert" data-testid="operator-join-error">
        <p className="notice-title">{t('operator.joinInvalid')}</p>
        <p className="notice-detail">{t('operator.joinInvalidHint')}</p>
      </div>
    );
  }
  if (session) {
    return <OperatorConsole joinCode={joinCode} session={session} renew={renew} renewing={renewing} />;
  }
  if (rateLimited) {
    return (
      <div className="notice notice-info operator-gate" role="status" data-testid="operator-join-wait">
        <p className="notice-title">{t('operator.rateLimited')}</p>
        <button type="button" className="btn btn-small" onClick={retry}>
          {t('common.retry')}
        </button>
      </div>
    );
  }
  if (error) {
    return (
      <div className="operator-gate">
        <ErrorNotice error={error} onRetry={retry} />
      </div>
    );
  }
  return (
    <div className="operator-gate">
      <Loading label={failureCount > 0 ? t('operator.openingRetry', { n: failureCount }) : t('operator.opening')} />
    </div>
  );
}
