import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errors';
import { formatTime } from '../../lib/time';
import type { Notices } from './useNotices';

/** The organizers' notices this point has not acknowledged yet, newest first, each with "Đã nhận". */
export function NoticeBanner({ notices }: { notices: Notices }) {
  const { t, i18n } = useTranslation();
  const [pending, setPending] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ id: string; error: unknown } | null>(null);
  const open = (notices.query.data ?? []).filter((n) => !n.acknowledgedAt);
  if (open.length === 0) return null;

  const acknowledge = async (id: string) => {
    setPending(id);
    setFailed(null);
    try {
      await notices.acknowledge(id);
    } catch (error) {
      setFailed({ id, error });
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="notice-banner" role="alert" aria-labelledby="notice-banner-title" data-testid="operator-notices">
      <h2 id="notice-banner-title" className="notice-banner-title">
        {t('notices.bannerTitle')}
      </h2>
      <ul className="notice-banner-list">
        {open.map((n) => (
          <li key={n.id} className="notice-banner-item" data-testid="operator-notice">
            <div className="notice-banner-body">
              <p className="notice-banner-text">{n.text}</p>
              <p className="notice-banner-meta">
                {t('notices.sentAt', { time: formatTime(n.createdAt, i18n.language) })}
                {n.district && ` · ${n.district}`}
              </p>
              {failed?.id === n.id && (
                <p className="notice-banner-error" role="status">
                  {t('notices.ackFailed')} {describeError(t, failed.error).title}
                </p>
              )}
            </div>
            <button
              type="button"
              className="btn btn-primary notice-banner-ack"
              disabled={pending === n.id}
              onClick={() => void acknowledge(n.id)}
              data-testid="operator-notice-ack"
            >
              {pending === n.id ? t('notices.acknowledging') : t('notices.acknowledge')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
