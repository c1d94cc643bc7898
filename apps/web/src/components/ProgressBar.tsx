interface Props {
  value: number;
  label: string;
  testId?: string;
  tone?: 'active' | 'done' | 'failed';
}

export function ProgressBar({ value, label, testId, tone = 'active' }: Props) {
  const percent = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div className="progress-wrap">
      <div className="progress-text">
        <span>{label}</span>
        <span className="progress-value">{percent}%</span>
      </div>
      <div
        className={`progress progress-${tone}`}
        role="progressbar"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-label={label}
        data-testid={testId}
      >
        <div className="progress-fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
