import { useTranslation } from 'react-i18next';
import { ConnectionIndicator } from '../../components/ConnectionIndicator';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { describeFacts } from '../../lib/errors';
import { useFullscreen } from '../../lib/useFullscreen';
import { canOrganize, useMe } from '../auth/useMe';
import { useConference } from '../conferences/context';
import { ControlLiveState } from './ControlLiveState';
import { BigNumbers } from './BigNumbers';
import { RecordPanel } from '../record/RecordPanel';
import { ExportPanel } from './ExportPanel';
import { MissingPoints } from './MissingPoints';
import { TimelineChart } from './TimelineChart';
import { UnitTable } from './UnitTable';
import { UplinkGrid } from './UplinkGrid';
import { useLiveSummary } from './useLiveSummary';
import { AlertsPanel } from './AlertsPanel';
import { useOfflineAlerts } from './useOfflineAlerts';
import { usePresence } from './usePresence';
import { useDocumentTitle } from '../../lib/useDocumentTitle';
import { AnnouncementsPanel } from '../notices/AnnouncementsPanel';
import { ThreadsPanel } from '../notices/ThreadsPanel';
import { useControlSupport } from '../notices/useSupport';

/** `/conferences/:id/control`: live attendance for the control room, readable on a projector. */
export function ControlPage() {
  const { t } = useTranslation();
  const conference = useConference();
  const presence = usePresence(conference.id);
  const alerts = useOfflineAlerts(conference.id);
  const support = useControlSupport(conference.id);
  const { summary, live } = useLiveSummary(conference.id, {
    ...support.live,
    onPresence: (change) => {
      alerts.handle(change);
      presence.onPresence(change);
    },
    onReadiness: presence.onReadiness,
    onRehearsal: presence.onRehearsal,
    onConnect: () => {
      presence.onConnect();
      support.live.onConnect?.();
    },
  });
  useDocumentTitle(t('presence.pageTitle', { conference: conference.title }));
  const { container, fullscreen, toggleFullscreen } = useFullscreen();
  const me = useMe();
  const data = summary.data;

  return (
    <div className={`control ${fullscreen ? 'is-fullscreen' : ''}`} ref={container}>
      <div className="control-head">
        <h2 className={fullscreen ? 'control-title' : 'visually-hidden'}>{fullscreen ? conference.title : t('control.title')}</h2>
        <ConnectionIndicator status={live.status} updatedAt={data?.at} testId="control-connection" />
        {document.fullscreenEnabled && (
          <button type="button" className="btn btn-small" onClick={toggleFullscreen}>
            {fullscreen ? t('control.exitFullscreen') : t('control.fullscreen')}
          </button>
        )}
      </div>
      <ControlLiveState conferenceId={conference.id} agenda={conference.agenda} />
      {live.status === 'refused' && live.error && (
        <div className="notice notice-error" role="alert">
          <p className="notice-title">{t('control.refused')}</p>
          <p className="notice-detail">{describeFacts(t, live.error).title}</p>
        </div>
      )}
      {data ? (
        <>
          <BigNumbers summary={data} online={presence.query.data?.online} />
          <AlertsPanel alerts={alerts} />
          <div className="control-grid">
            <UnitTable rows={data.byUnit} />
            <MissingPoints missing={data.missing} />
          </div>
          <TimelineChart summary={data} />
        </>
      ) : summary.isError ? (
        <ErrorNotice error={summary.error} onRetry={() => void summary.refetch()} />
      ) : (
        <Loading label={t('control.waiting')} />
      )}
      {!fullscreen && <AnnouncementsPanel notices={support.notices} canSend={canOrganize(me?.role)} />}
      {!fullscreen && <ThreadsPanel conferenceId={conference.id} />}
      <UplinkGrid conferenceId={conference.id} />
      {!fullscreen && canOrganize(me?.role) && <ExportPanel conferenceId={conference.id} />}
      {!fullscreen && canOrganize(me?.role) && <RecordPanel conferenceId={conference.id} units={data?.byUnit ?? []} />}
    </div>
  );
}
