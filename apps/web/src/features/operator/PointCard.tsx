import { ConferenceStatus, PointStatus, type PointAttendanceDto } from '@bridgepoint/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatTime } from '../../lib/time';
import type { OutboxAction, OutboxEntry } from './outbox';
import { expectedStatus } from './pending';

interface Props {
  query: UseQueryResult<PointAttendanceDto>;
  entries: readonly OutboxEntry[];
  ended: boolean;
  conferenceStatus: ConferenceStatus | undefined;
  onAction: (action: OutboxAction) => void;
}

/** The two big buttons: check the point in, leave the conference (the point's name and state are in the header). */
export function PointCard({ query, entries, ended, conferenceStatus, onAction }: Props) {
  const { t, i18n } = useTranslation();
  const [confirmOut, setConfirmOut] = useState(false);
  const server = query.data;
  const { status, pending } = expectedStatus(server?.status, entries);
  const checkedIn = status === PointStatus.CheckedIn;
  const notStarted = conferenceStatus === ConferenceStatus.Draft || conferenceStatus === ConferenceStatus.Scheduled;

  return (
    <section className="card point-card" aria-labelledby="operator-point-title">
      <h2 id="operator-point-title" className="visually-hidden">
        {t('operatorLayout.checkIn')}
      </h2>
      {!pending && server?.status === PointStatus.CheckedIn && server.checkedInAt && (
        <p className="muted">
          {t('pointStatus.checked_in')} {t('operator.since', { time: formatTime(server.checkedInAt, i18n.language) })}
        </p>
      )}
      {pending && <p className="pending-note">{t('operator.queued')}</p>}
      {ended && <p className="notice notice-info">{t('operator.ended')}</p>}
      {!ended && notStarted && !checkedIn && <p className="notice notice-info">{t('operator.notStarted')}</p>}
      <div className="point-actions">
        <button
          type="button"
          className="btn btn-primary btn-huge"
          data-testid="operator-check-in"
          disabled={ended || checkedIn}
          onClick={() => onAction({ kind: 'check-in' })}
        >
          <span aria-hidden="true">✓</span> {t('operator.checkIn')}
        </button>
        <button
          type="button"
          className="btn btn-huge btn-outline-danger"
          data-testid="operator-check-out"
          disabled={ended || !checkedIn}
          onClick={() => setConfirmOut(true)}
        >
          {t('operator.checkOut')}
        </button>
      </div>
      <ConfirmDialog
        open={confirmOut}
        title={t('operator.checkOutTitle')}
        confirmLabel={t('operator.checkOut')}
        danger
        onConfirm={() => {
          setConfirmOut(false);
          onAction({ kind: 'check-out' });
        }}
        onCancel={() => setConfirmOut(false)}
      >
        <p>{t('operator.checkOutBody')}</p>
      </ConfirmDialog>
    </section>
  );
}
