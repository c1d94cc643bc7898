import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { tokenStore } from '../../lib/api';
import { usePresenterBroadcast } from './usePresenterBroadcast';

/** `/conferences/:id/present`: the presenter's camera and microphone, broadcast to every point. */
export function PresentPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { stream, status, error, start, stop } = usePresenterBroadcast(id, tokenStore.get());
  const preview = useRef<HTMLVideoElement>(null);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = stream;
  }, [stream]);

  const live = status === 'live';
  return (
    <main className="present" data-testid="present" data-state={status}>
      <h1>{t('broadcast.title')}</h1>
      <video ref={preview} autoPlay playsInline muted style={{ width: '100%', maxWidth: 960 }} />
      <p data-testid="present-status">{t(`broadcast.status.${status}`)}</p>
      {error && (
        <p role="alert" className="error">
          {t('broadcast.failed', { message: error })}
        </p>
      )}
      <button
        type="button"
        className="button primary"
        data-testid="present-toggle"
        disabled={status !== 'ready' && status !== 'live'}
        onClick={() => void (live ? stop() : start())}
      >
        {live ? t('broadcast.stop') : t('broadcast.start')}
      </button>
    </main>
  );
}
