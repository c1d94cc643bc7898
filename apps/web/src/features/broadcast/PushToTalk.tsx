import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setUplinkControls } from './uplinkControls';

/** Keys that type text: the space bar there is a space, not "talk". */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));
}

/**
 * The microphone open only while the button (or the space bar, outside text fields) is held, as on a
 * conference-room microphone. Letting go, leaving the button, or the page losing focus closes it.
 */
export function PushToTalk({ talking, disabled }: { talking: boolean; disabled: boolean }) {
  const { t } = useTranslation();

  useEffect(() => {
    if (disabled) return;
    const down = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || typing(e.target)) return;
      e.preventDefault();
      setUplinkControls({ talking: true });
    };
    const up = (e: KeyboardEvent) => {
      if (e.code === 'Space') setUplinkControls({ talking: false });
    };
    const release = () => setUplinkControls({ talking: false });
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', release);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', release);
      release();
    };
  }, [disabled]);

  const hold = (on: boolean) => () => setUplinkControls({ talking: on });
  return (
    <button
      type="button"
      className={`btn btn-ptt ${talking ? 'is-talking btn-primary' : ''}`}
      aria-pressed={talking}
      disabled={disabled}
      onPointerDown={hold(true)}
      onPointerUp={hold(false)}
      onPointerLeave={hold(false)}
      onPointerCancel={hold(false)}
      onContextMenu={(e) => e.preventDefault()}
      data-testid="uplink-talk"
      title={t('mediaControl.pushToTalkHint')}
    >
      {talking ? t('mediaControl.talking') : t('mediaControl.holdToTalk')}
    </button>
  );
}
