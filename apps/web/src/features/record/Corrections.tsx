import type { AttendanceCorrectionDto, ConferencePointDto, CorrectionOutcome, CorrectionRequest } from '@bridgepoint/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { request } from '../../lib/api';
import { api, queryKeys } from '../../lib/endpoints';
import { formatDateTime } from '../../lib/time';

type Kind = CorrectionRequest['kind'];
const KINDS: readonly Kind[] = ['delegate', 'headcount', 'point_status'];
/** The latest corrections shown here; the record's appendix lists all of them. */
const SHOWN = 20;

const path = (conferenceId: string) => `/conferences/${encodeURIComponent(conferenceId)}/corrections`;

/**
 * Organizers correct the attendance after the fact — a delegate present or absent, a point's headcount, a
 * point's check-in — each with a reason, kept for the record's appendix; the latest corrections below.
 */
export function Corrections({ conferenceId }: { conferenceId: string }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('delegate');
  const [delegateCode, setDelegateCode] = useState('');
  const [pointId, setPointId] = useState('');
  const [present, setPresent] = useState('true');
  const [headcount, setHeadcount] = useState('');
  const [reason, setReason] = useState('');
  const [saved, setSaved] = useState<CorrectionOutcome | null>(null);
  const points = useQuery({ queryKey: queryKeys.points(conferenceId), queryFn: () => api.points(conferenceId), enabled: kind !== 'delegate' });
  const list = useQuery({ queryKey: ['corrections', conferenceId], queryFn: () => request<AttendanceCorrectionDto[]>(path(conferenceId)) });

  const save = useMutation({
    mutationFn: (body: CorrectionRequest) => request<CorrectionOutcome>(path(conferenceId), { method: 'POST', body }),
    onSuccess: (outcome) => {
      setSaved(outcome);
      setReason('');
      void queryClient.invalidateQueries({ queryKey: ['corrections', conferenceId] });
      void queryClient.invalidateQueries({ queryKey: queryKeys.record(conferenceId) });
    },
  });

  const body = (): CorrectionRequest | null => {
    const why = reason.trim();
    if (!why) return null;
    if (kind === 'delegate') return delegateCode.trim() ? { kind, delegateCode: delegateCode.trim(), present: present === 'true', reason: why } : null;
    if (!pointId) return null;
    if (kind === 'headcount') return headcount !== '' && Number.isInteger(Number(headcount)) ? { kind, pointId, present: Number(headcount), reason: why } : null;
    return { kind, pointId, checkedIn: present === 'true', reason: why };
  };
  const ready = body();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready && !save.isPending) save.mutate(ready);
  };

  return (
    <section className="stack-tight record-corrections" aria-labelledby="corrections-title" data-testid="record-corrections">
      <h3 id="corrections-title">{t('corrections.title')}</h3>
      <p className="muted small">{t('corrections.hint')}</p>
      <form className="export-form" onSubmit={submit}>
        <label className="field">
          <span className="field-label">{t('corrections.kind')}</span>
          <select value={kind} data-testid="correction-kind" onChange={(e) => setKind(e.target.value as Kind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`corrections.kinds.${k}`)}
              </option>
            ))}
          </select>
        </label>
        {kind === 'delegate' ? (
          <label className="field">
            <span className="field-label">{t('corrections.delegateCode')}</span>
            <input value={delegateCode} data-testid="correction-delegate" maxLength={64} onChange={(e) => setDelegateCode(e.target.value)} />
          </label>
        ) : (
          <label className="field">
            <span className="field-label">{t('corrections.point')}</span>
            <select value={pointId} data-testid="correction-point" onChange={(e) => setPointId(e.target.value)}>
              <option value="">{t('corrections.choosePoint')}</option>
              {(points.data ?? []).map((p: ConferencePointDto) => (
                <option key={p.id} value={p.id}>
                  {p.code} · {p.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {kind === 'headcount' ? (
          <label className="field">
            <span className="field-label">{t('corrections.headcount')}</span>
            <input type="number" min={0} step={1} value={headcount} data-testid="correction-headcount" onChange={(e) => setHeadcount(e.target.value)} />
          </label>
        ) : (
          <label className="field">
            <span className="field-label">{t('corrections.value')}</span>
            <select value={present} data-testid="correction-value" onChange={(e) => setPresent(e.target.value)}>
              <option value="true">{t(kind === 'delegate' ? 'corrections.present' : 'corrections.checkedIn')}</option>
              <option value="false">{t(kind === 'delegate' ? 'corrections.absent' : 'corrections.notCheckedIn')}</option>
            </select>
          </label>
        )}
        <label className="field">
          <span className="field-label">{t('corrections.reason')}</span>
          <input value={reason} data-testid="correction-reason" maxLength={500} required onChange={(e) => setReason(e.target.value)} />
        </label>
        <button type="submit" className="btn btn-primary" data-testid="correction-submit" disabled={!ready || save.isPending}>
          {t('corrections.submit')}
        </button>
      </form>
      {save.isError && <ErrorNotice error={save.error} />}
      {saved && (
        <p className="notice notice-success" role="status" data-testid="correction-saved">
          {saved.changed ? t('corrections.saved') : t('corrections.unchanged')}
        </p>
      )}
      {list.isError && <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />}
      {list.data && list.data.length > 0 && (
        <ol className="record-corrections-list small" data-testid="corrections-list">
          {[...list.data]
            .reverse()
            .slice(0, SHOWN)
            .map((c) => (
              <li key={c.id}>
                <strong>{t(`corrections.done.${c.kind}`, { target: c.target })}</strong> — {describe(c.before, t)} → {describe(c.after, t)} · “{c.reason}” ·{' '}
                <span className="muted">
                  {c.actorName ?? c.actor}, {formatDateTime(c.at, i18n.language)}
                </span>
              </li>
            ))}
        </ol>
      )}
    </section>
  );
}

/** A correction's before or after as people read it: present or absent, the headcount, the point's status. */
function describe(value: Record<string, unknown>, t: TFunction): string {
  const parts: string[] = [];
  if (typeof value.checkedIn === 'boolean') parts.push(t(value.checkedIn ? 'corrections.present' : 'corrections.absent'));
  if (typeof value.present === 'number') parts.push(t('corrections.headcountIs', { n: value.present }));
  if (typeof value.status === 'string' && ['expected', 'checked_in', 'checked_out'].includes(value.status)) {
    parts.push(t(`pointStatus.${value.status as 'expected' | 'checked_in' | 'checked_out'}`));
  }
  return parts.join(', ') || '—';
}
