import type { ModerationSnapshot } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { ErrorNotice } from '../../components/ErrorNotice';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { Loading } from '../../components/Loading';
import { Logo } from '../../components/Logo';
import { MicIcon } from '../../components/MicIcon';
import { api, queryKeys } from '../../lib/endpoints';
import { describeFacts } from '../../lib/errors';
import { answeringOrder } from '../../lib/questions';
import { formatNumber } from '../../lib/time';
import { useFullscreen } from '../../lib/useFullscreen';
import { useModerationSnapshot } from '../moderation/useModerationSnapshot';
import { AgendaNow } from './AgendaNow';

/** `/conferences/:id/hall`: what the presidium and the hall read from afar. Nothing here edits; `?kiosk=1` hides the buttons. */
export function HallPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [search] = useSearchParams();
  const kiosk = search.get('kiosk') === '1';
  const conference = useQuery({ queryKey: queryKeys.conference(id), queryFn: () => api.conference(id) });
  const { snapshot, live } = useModerationSnapshot(id);
  const { container, fullscreen, toggleFullscreen } = useFullscreen();

  return (
    <div className={`hall ${kiosk ? 'is-kiosk' : ''}`} ref={container} data-testid="hall">
      <header className="hall-head">
        <Logo size={40} />
        <h1 className="hall-title">{conference.data?.title ?? t('hall.title')}</h1>
        <ConnectionIndicator status={live.status} testId="hall-connection" />
        {!kiosk && !fullscreen && <LanguageSwitch />}
        {!kiosk && document.fullscreenEnabled && (
          <button type="button" className="btn btn-small hall-button" onClick={toggleFullscreen}>
            {fullscreen ? t('control.exitFullscreen') : t('control.fullscreen')}
          </button>
        )}
      </header>
      {live.status === 'refused' && live.error && (
        <div className="notice notice-error hall-notice" role="alert">
          <p className="notice-title">{t('moderation.refused')}</p>
          <p className="notice-detail">{describeFacts(t, live.error).title}</p>
        </div>
      )}
      {conference.data && snapshot.data && <AgendaNow agenda={conference.data.agenda} currentId={snapshot.data.currentAgendaItemId} />}
      <main className="hall-main">
        {snapshot.data ? (
          <HallBoard snapshot={snapshot.data} />
        ) : snapshot.isError ? (
          <div className="hall-notice">
            <ErrorNotice error={snapshot.error} onRetry={() => void snapshot.refetch()} hint={t('hall.forbidden')} />
          </div>
        ) : (
          <Loading />
        )}
      </main>
    </div>
  );
}

function HallBoard({ snapshot }: { snapshot: ModerationSnapshot }) {
  const { t, i18n } = useTranslation();
  const order = answeringOrder(snapshot.questions);
  const current = order.find((q) => q.id === snapshot.currentQuestionId) ?? null;
  const upcoming = order.filter((q) => q.id !== current?.id);
  const answered = snapshot.questions.filter((q) => q.status === 'answered').length;
  const { floor } = snapshot;
  const place = (unit: string | null, district: string | null) =>
    [...new Set([unit, district].filter((x): x is string => !!x))].join(' · ');

  return (
    <div className="hall-board">
      <section className="hall-current" aria-labelledby="hall-current-title" data-testid="hall-current" data-question-id={current?.id ?? ''}>
        <h2 id="hall-current-title" className="hall-label">
          {t('hall.current')}
        </h2>
        {current ? (
          <>
            <p className="hall-point">{current.pointName}</p>
            <p className="hall-place">
              {[place(current.unit, current.district), current.askedBy && t('moderation.askedBy', { name: current.askedBy })]
                .filter(Boolean)
                .join(' · ')}
            </p>
            <p className="hall-question">{current.text}</p>
          </>
        ) : (
          <p className="hall-empty">{t('hall.noCurrent')}</p>
        )}
      </section>
      <aside className="hall-side">
        <section className={`hall-floor ${floor.pointId ? 'has-holder' : ''}`} data-testid="hall-floor" data-point-id={floor.pointId ?? ''}>
          <h2 className="hall-label">{t('hall.floor')}</h2>
          <p className="hall-floor-name">
            {floor.pointId && <MicIcon size={36} />}
            {floor.pointId ? floor.pointName : t('hall.floorNone')}
          </p>
        </section>
        <section className="hall-next" aria-labelledby="hall-next-title">
          <h2 id="hall-next-title" className="hall-label">
            {t('hall.next')}
          </h2>
          {upcoming.length === 0 && <p className="hall-empty">{order.length === 0 ? t('hall.empty') : t('hall.noMore')}</p>}
          <ol className="hall-queue" data-testid="hall-queue">
            {upcoming.map((question) => (
              <li key={question.id} data-question-id={question.id}>
                <span className="hall-number">{order.indexOf(question) + 1}</span>
                <div className="stack-tight">
                  <p className="hall-queue-point">{question.pointName}</p>
                  <p className="hall-queue-text">{question.text}</p>
                </div>
              </li>
            ))}
          </ol>
        </section>
        {answered > 0 && (
          <p className="hall-answered">{t('hall.answered', { count: answered, n: formatNumber(answered, i18n.language) })}</p>
        )}
      </aside>
    </div>
  );
}
