import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorApi } from '../../lib/endpoints';
import { describeFacts } from '../../lib/errors';
import { formatNumber } from '../../lib/time';
import { DelegateRoster } from './DelegateRoster';
import type { OutboxSnapshot } from './outbox';
import { isDelegatePending } from './pending';

interface Props {
  api: OperatorApi;
  pointId: string;
  checkedIn: number | undefined;
  snapshot: OutboxSnapshot;
  ended: boolean;
  onCheckIn: (delegateCode: string, fullName: string | null) => void;
  onUnmarked: (delegateCode: string) => void;
}

/** Mark delegates present: by the code on their badge, or from the point's list. */
export function DelegatesCard({ api, pointId, checkedIn, snapshot, ended, onCheckIn, onUnmarked }: Props) {
  const { t, i18n } = useTranslation();
  const [code, setCode] = useState('');
  const [lastCode, setLastCode] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const normalized = code.trim().toUpperCase();
    if (!normalized) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setCode('');
    setLastCode(normalized);
    onCheckIn(normalized, null);
  };

  return (
    <section className="card delegates-card" aria-labelledby="operator-delegates-title">
      <div className="card-head">
        <h2 id="operator-delegates-title">{t('operator.delegates.title')}</h2>
        {checkedIn !== undefined && (
          <span className="chip" data-testid="operator-delegates-checked-in" data-count={checkedIn}>
            {t('operator.delegates.checkedIn', { n: formatNumber(checkedIn, i18n.language) })}
          </span>
        )}
      </div>
      <form className="code-form" onSubmit={submit} noValidate>
        <label className="field">
          <span className="field-label">{t('operator.delegates.code')}</span>
          <input
            name="delegateCode"
            value={code}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            placeholder={t('operator.delegates.codePlaceholder')}
            aria-invalid={missing}
            aria-describedby="delegate-code-hint"
            data-testid="operator-delegate-code"
            disabled={ended}
            onChange={(event) => setCode(event.target.value)}
          />
        </label>
        <button type="submit" className="btn btn-primary btn-large" disabled={ended} data-testid="operator-delegate-submit">
          {t('operator.delegates.codeSubmit')}
        </button>
      </form>
      <p id="delegate-code-hint" className={missing ? 'field-error' : 'muted small'}>
        {missing ? t('operator.delegates.codeRequired') : t('operator.delegates.codeHint')}
      </p>
      {lastCode && <CodeResult code={lastCode} snapshot={snapshot} />}
      <DelegateRoster api={api} pointId={pointId} snapshot={snapshot} ended={ended} onCheckIn={onCheckIn} onUnmarked={onUnmarked} />
    </section>
  );
}

function CodeResult({ code, snapshot }: { code: string; snapshot: OutboxSnapshot }) {
  const { t } = useTranslation();
  const outcome = snapshot.delegates[code];
  const pending = isDelegatePending(snapshot.entries, code);
  let text: string;
  let state: string;
  if (pending || !outcome) {
    state = 'pending';
    text = t('operator.delegates.result.pending', { code });
  } else if (outcome.state === 'failed') {
    state = 'failed';
    text = t('operator.delegates.result.failed', { code, reason: describeFacts(t, outcome).title });
  } else {
    state = outcome.state;
    text = t(`operator.delegates.result.${outcome.state}`, { code, name: outcome.fullName });
  }
  return (
    <p className={`code-result code-result-${state}`} role="status" data-testid="operator-delegate-result" data-state={state}>
      {text}
    </p>
  );
}
