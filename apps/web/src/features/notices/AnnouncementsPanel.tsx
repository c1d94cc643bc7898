import { ANNOUNCEMENT_MAX_LENGTH, type UnitDto } from '@bridgepoint/contracts';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errors';
import { api, queryKeys } from '../../lib/endpoints';
import { formatTime } from '../../lib/time';
import type { Notices } from './useNotices';

/** Organizers send a notice to every point or one district's; everyone in the room sees who acknowledged, live. */
export function AnnouncementsPanel({ notices, canSend }: { notices: Notices; canSend: boolean }) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [districtId, setDistrictId] = useState('');
  const [state, setState] = useState<{ kind: 'idle' | 'sending' | 'sent' } | { kind: 'failed'; error: unknown }>({ kind: 'idle' });
  const units = useQuery({ queryKey: queryKeys.units, queryFn: api.units, enabled: canSend, staleTime: 5 * 60_000 });
  const districts = (units.data ?? [])
    .filter((u: UnitDto) => u.kind === 'district')
    .sort((a, b) => a.name.localeCompare(b.name, 'vi'));
  const list = notices.query.data ?? [];

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    setState({ kind: 'sending' });
    try {
      await notices.send({ text, districtId: districtId || null });
      setText('');
      setState({ kind: 'sent' });
    } catch (error) {
      setState({ kind: 'failed', error });
    }
  };

  return (
    <section className="card notices-panel" aria-labelledby="notices-title" data-testid="notices-panel">
      <h2 id="notices-title">{t('notices.panelTitle')}</h2>
      {canSend && (
        <form className="notices-form" onSubmit={(e) => void submit(e)}>
          <label className="field">
            <span className="field-label">{t('notices.text')}</span>
            <textarea
              value={text}
              rows={2}
              maxLength={ANNOUNCEMENT_MAX_LENGTH}
              placeholder={t('notices.textPlaceholder')}
              onChange={(e) => {
                setText(e.target.value);
                if (state.kind !== 'sending') setState({ kind: 'idle' });
              }}
              data-testid="notice-text"
            />
          </label>
          <div className="notices-form-row">
            <label className="field">
              <span className="field-label">{t('notices.audience')}</span>
              <select value={districtId} onChange={(e) => setDistrictId(e.target.value)} data-testid="notice-audience">
                <option value="">{t('notices.allPoints')}</option>
                {districts.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" className="btn btn-primary" disabled={state.kind === 'sending' || !text.trim()} data-testid="notice-send">
              {state.kind === 'sending' ? t('notices.sending') : t('notices.send')}
            </button>
            {state.kind === 'sent' && <span className="muted" role="status">{t('notices.sent')}</span>}
          </div>
          {state.kind === 'failed' && (
            <p className="field-error" role="alert">
              {describeError(t, state.error).title}
            </p>
          )}
        </form>
      )}
      {notices.query.isSuccess && list.length === 0 && <p className="muted">{t('notices.none')}</p>}
      <ul className="notices-list">
        {list.map((n) => (
          <li key={n.id} className="notices-item" data-testid="notice-item">
            <p className="notices-text">{n.text}</p>
            <p className="notices-meta muted">
              {formatTime(n.createdAt, i18n.language)} · {n.district ?? t('notices.toAll')}
              {n.createdBy && ` · ${n.createdBy}`}
            </p>
            <p className={`notices-acked ${n.recipients > 0 && n.acknowledged >= n.recipients ? 'is-complete' : ''}`} data-testid="notice-acked">
              {t('notices.acked', { n: n.acknowledged, total: n.recipients })}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
