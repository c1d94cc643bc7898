import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatClock } from '../../lib/time';
import type { OfflineAlert } from './alerts';
import type { useOfflineAlerts } from './useOfflineAlerts';

type Alerts = ReturnType<typeof useOfflineAlerts>;

function AlertItem({ alert, text, onAck }: { alert: OfflineAlert; text: string; onAck?: () => void }) {
  const { t, i18n } = useTranslation();
  const back = alert.points.filter((p) => p.back).length;
  return (
    <li className={`alert-item ${alert.acknowledged ? 'is-acknowledged' : ''}`} data-testid="offline-alert">
      <div className="alert-text">
        <strong>{text}</strong>
        <span className="muted">
          {t('alerts.at', { time: formatClock(new Date(alert.updatedAt).toISOString(), i18n.language) })}
          {back > 0 && ` · ${t('alerts.backOnline', { n: back })}`}
        </span>
        {alert.points.length > 1 && (
          <span className="alert-points muted">
            {alert.points
              .slice(0, 12)
              .map((p) => p.code)
              .join(', ')}
            {alert.points.length > 12 && ' …'}
          </span>
        )}
      </div>
      {onAck && (
        <button type="button" className="btn btn-small" onClick={onAck} data-testid="alert-ack">
          {t('alerts.acknowledge')}
        </button>
      )}
    </li>
  );
}

/** The toast of the latest alert (top right) and the list of alerts with acknowledgement. */
export function AlertsPanel({ alerts }: { alerts: Alerts }) {
  const { t } = useTranslation();
  const [showDone, setShowDone] = useState(false);
  const open = alerts.alerts.filter((a) => !a.acknowledged);
  const done = alerts.alerts.filter((a) => a.acknowledged);
  return (
    <>
      {alerts.toast && (
        <div className="alert-toast" role="alert" data-testid="alert-toast">
          <span>{alerts.describe(alerts.toast)}</span>
          <button type="button" className="btn btn-small" onClick={alerts.dismissToast} aria-label={t('alerts.dismiss')}>
            ×
          </button>
        </div>
      )}
      <section className={`card alerts-panel ${open.length > 0 ? 'has-open' : ''}`} aria-labelledby="alerts-title" data-testid="alerts-panel">
        <div className="alerts-head">
          <h2 id="alerts-title">
            {t('alerts.title')} {open.length > 0 && <span className="alerts-count">{open.length}</span>}
          </h2>
          <label className="alerts-sound">
            <input type="checkbox" checked={alerts.sound} onChange={(e) => alerts.setSound(e.target.checked)} /> {t('alerts.sound')}
          </label>
          {alerts.notifications === 'default' && (
            <button type="button" className="btn btn-small" onClick={() => void alerts.requestNotifications()}>
              {t('alerts.enableNotifications')}
            </button>
          )}
          {alerts.notifications === 'denied' && <span className="muted">{t('alerts.notificationsBlocked')}</span>}
          {open.length > 1 && (
            <button type="button" className="btn btn-small" onClick={() => alerts.acknowledge(null)}>
              {t('alerts.acknowledgeAll')}
            </button>
          )}
        </div>
        {open.length === 0 && <p className="muted">{t('alerts.none')}</p>}
        <ul className="alert-list">
          {open.map((a) => (
            <AlertItem key={a.id} alert={a} text={alerts.describe(a)} onAck={() => alerts.acknowledge(a.id)} />
          ))}
        </ul>
        {done.length > 0 && (
          <details open={showDone} onToggle={(e) => setShowDone((e.target as HTMLDetailsElement).open)}>
            <summary>{t('alerts.acknowledged', { n: done.length })}</summary>
            <ul className="alert-list">
              {done.map((a) => (
                <AlertItem key={a.id} alert={a} text={alerts.describe(a)} />
              ))}
            </ul>
          </details>
        )}
      </section>
    </>
  );
}
