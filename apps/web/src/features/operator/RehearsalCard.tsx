import { REHEARSAL_PROBLEMS, type PointRehearsal, type PointRehearsalDto, type RehearsalProblem } from '@bridgepoint/contracts';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import type { OperatorApi } from '../../lib/endpoints';
import { formatTime } from '../../lib/time';

interface Props {
  api: OperatorApi;
  /** The point's answer as the server last said (from the point's live state). */
  rehearsal: PointRehearsal | undefined;
}

/**
 * During a rehearsal, first on the operator's page: one click to say the test broadcast's picture and
 * sound arrived, or which of them did not. Check-ins made now are practice and are cleared afterwards.
 */
export function RehearsalCard({ api, rehearsal }: Props) {
  const { t, i18n } = useTranslation();
  const [reporting, setReporting] = useState(false);
  const [problem, setProblem] = useState<RehearsalProblem>('both');
  const [note, setNote] = useState('');
  const [answer, setAnswer] = useState<PointRehearsalDto | null>(null);
  const send = useMutation({
    mutationFn: api.rehearsal,
    onSuccess: (saved) => {
      setAnswer(saved);
      setReporting(false);
    },
  });
  const state = answer?.rehearsal ?? rehearsal ?? 'unconfirmed';

  return (
    <section className="card rehearsal-card" aria-labelledby="rehearsal-title" data-testid="operator-rehearsal" data-state={state}>
      <h2 id="rehearsal-title">{t('rehearsal.title')}</h2>
      <p>{t('rehearsal.intro')}</p>
      <p className="notice notice-info">{t('rehearsal.practice')}</p>
      {state === 'confirmed' && (
        <p className="notice notice-success" role="status" data-testid="rehearsal-answer">
          {answer?.at ? t('rehearsal.confirmedAt', { time: formatTime(answer.at, i18n.language) }) : t('rehearsal.confirmed')}
        </p>
      )}
      {state === 'problem' && (
        <p className="notice notice-warning" role="status" data-testid="rehearsal-answer">
          {answer?.problem ? t('rehearsal.reported', { problem: t(`rehearsal.problems.${answer.problem}`) }) : t('rehearsal.reportedShort')}
        </p>
      )}
      {!reporting ? (
        <div className="point-actions">
          <button
            type="button"
            className="btn btn-primary btn-huge"
            disabled={send.isPending}
            onClick={() => send.mutate({ received: true })}
            data-testid="rehearsal-confirm"
          >
            <span aria-hidden="true">✓</span> {t('rehearsal.received')}
          </button>
          <button type="button" className="btn btn-huge" disabled={send.isPending} onClick={() => setReporting(true)} data-testid="rehearsal-problem">
            {t('rehearsal.problem')}
          </button>
        </div>
      ) : (
        <form
          className="rehearsal-problem"
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate({ received: false, problem, note: note.trim() || undefined });
          }}
        >
          <fieldset>
            <legend>{t('rehearsal.whatMissing')}</legend>
            {REHEARSAL_PROBLEMS.map((p) => (
              <label key={p} className="radio">
                <input type="radio" name="rehearsal-problem" value={p} checked={problem === p} onChange={() => setProblem(p)} />
                {t(`rehearsal.problems.${p}`)}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">{t('rehearsal.note')}</span>
            <input type="text" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          <div className="button-row">
            <button type="submit" className="btn btn-primary" disabled={send.isPending} data-testid="rehearsal-send-problem">
              {t('rehearsal.sendProblem')}
            </button>
            <button type="button" className="btn" onClick={() => setReporting(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      )}
      {send.isError && <ErrorNotice error={send.error} />}
    </section>
  );
}
