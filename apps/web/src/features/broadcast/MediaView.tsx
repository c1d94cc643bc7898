import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  stream: MediaStream | null;
  /** The preview of one's own camera: never with sound. */
  muted?: boolean;
  label?: string;
  testId?: string;
  className?: string;
}

/**
 * A video element playing a stream. When the browser refuses to play sound without a click, it plays
 * muted and offers a button that turns the sound on.
 */
export function MediaView({ stream, muted = false, label, testId, className }: Props) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [needsClick, setNeedsClick] = useState(false);

  useEffect(() => {
    const el = video.current;
    if (!el) return;
    el.srcObject = stream;
    setNeedsClick(false);
    if (!stream) return;
    el.muted = muted;
    el.play().catch(() => {
      if (muted) return;
      el.muted = true;
      setNeedsClick(true);
      void el.play().catch(() => undefined);
    });
  }, [stream, muted]);

  const unmute = () => {
    const el = video.current;
    if (!el) return;
    el.muted = false;
    void el.play().then(() => setNeedsClick(false));
  };

  return (
    <figure className={`media-view ${className ?? ''}`} data-testid={testId} data-state={stream ? 'playing' : 'idle'}>
      <video ref={video} autoPlay playsInline muted={muted} />
      {label && <figcaption>{label}</figcaption>}
      {needsClick && (
        <button type="button" className="btn btn-primary media-unmute" onClick={unmute}>
          {t('media.unmute')}
        </button>
      )}
    </figure>
  );
}
