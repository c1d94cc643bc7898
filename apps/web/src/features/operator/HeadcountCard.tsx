import type { HeadcountReport, PointAttendanceDto } from '@bridgepoint/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatNumber, formatTime } from '../../lib/time';
import type { OutboxEntry } from './outbox';
import { pendingHeadcounts } from './pending';

const MAX_PRESENT = 100_000;
const HISTORY_SHOWN = 8;

function reporter(t: TFunction, by: string): string {
  if (by.startsWith('user:')) return t('operator.headcount.byUser', { name: by.slice('user:'.length) });
  return t('operator.headcount.byPoint');
}

interface Props {
  state: PointAttendanceDto | undefined;
  history: UseQueryResult<HeadcountReport[]>;
  entries: readonly OutboxEntry[];
  ended: boolean;
  onReport: (present: number) => void;
}

/** "N present / M expected", a form to report it again, and the reports so far. */
export function HeadcountCard({ state, history, entries, ended, onReport }: Props) {
  const { t, i18n } = useTranslation();
  const [value, setValue] = useState('');
  const [invalid, setInvalid] = useState(false);
  const n = (x: number) => formatNumber(x, i18n.language);
  const queued = pendingHeadcounts(entries);
  const present = queued[0]?.present ?? state?.present ?? null;
  const expected = state?.expectedDelegates;
  const reports = [...(history.data ?? [])].reverse();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = value.trim();
    const parsed = Number(trimmed);
    if (!/^\d+$/.test(trimmed) || parsed > MAX_PRESENT) {
      setInvalid(true);
      return;
    }
    setInvalid(false);
    setValue('');
    onReport(parsed);
  };

  return (
    <section className="card" aria-labelledby="operator-headcount-title">
      <h2 id="operator-headcount-title">{t('operator.headcount.title')}</h2>
      <p className="headcount-summary" data-testid="operator-headcount-summary">
        {present !== null
          ? t('operator.headcount.summary', { present: n(present), expected: expected !== undefined ? n(expected) : '…' })
          : t('operator.headcount.notReported', { expected: expected !== undefined ? n(expected) : '…' })}
      </p>
      <form className="headcount-form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">{t('operator.headcount.label')}</span>
          <input
            name="present"
            type="number"
            inputMode="numeric"
            min={0}
            max={MAX_PRESENT}
            step={1}
            value={value}
            placeholder={present !== null ? String(present) : expected !== undefined ? String(expected) : ''}
            aria-invalid={invalid}
            aria-describedby={invalid ? 'headcount-error' : 'headcount-hint'}
            data-testid="operator-headcount-input"
            disabled={ended}
            onChange={(event) => setValue(event.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary btn-large" disabled={ended} data-testid="operator-headcount-submit">
          {t('operator.headcount.submit')}
        </button>
      </form>
      {invalid ? (
        <p id="headcount-error" className="field-error" role="alert">
          {t('operator.headcount.invalid')}
        </p>
      ) : (
        <p id="headcount-hint" className="muted small">
          {t('operator.headcount.hint')}
        </p>
      )}
      <div className="stack-tight">
        <h3>{t('operator.headcount.history')}</h3>
        {history.isError && <ErrorNotice error={history.error} onRetry={() => void history.refetch()} />}
        {queued.length === 0 && reports.length === 0 && !history.isError && (
          <p className="muted">{t('operator.headcount.noHistory')}</p>
        )}
        <ul className="headcount-history" data-testid="operator-headcount-history">
          {queued.map((item) => (
            <li key={item.id} className="is-pending">
              <strong>{t('operator.headcount.people', { n: n(item.present) })}</strong>
              <span className="muted">
                {formatTime(item.at, i18n.language)} · {t('operator.headcount.pending')}
              </span>
            </li>
          ))}
          {reports.slice(0, HISTORY_SHOWN).map((item) => (
            <li key={`${item.at}-${item.present}`}>
              <strong>{t('operator.headcount.people', { n: n(item.present) })}</strong>
              <span className="muted">
                {formatTime(item.at, i18n.language)} · {reporter(t, item.by)}
              </span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
