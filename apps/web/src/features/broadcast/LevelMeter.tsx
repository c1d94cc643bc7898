import { useTranslation } from 'react-i18next';

/** A horizontal sound meter, 0..1; `testId` carries the level for tests and tools (`data-level`). */
export function LevelMeter({ level, label, testId }: { level: number | null; label?: string; testId?: string }) {
  const { t } = useTranslation();
  const value = level ?? 0;
  const percent = Math.round(value * 100);
  return (
    <div
      className={`level-meter ${level === null ? 'is-unknown' : ''}`}
      role="meter"
      aria-label={label ?? t('studio.level')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      data-testid={testId}
      data-level={value.toFixed(2)}
    >
      <span className="level-meter-bar" style={{ width: `${percent}%` }} />
    </div>
  );
}
