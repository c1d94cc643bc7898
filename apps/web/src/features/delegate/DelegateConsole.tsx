import type { DelegateMe, DelegateSessionResponse, PublicConferenceState, SelfCheckInResponse } from '@bridgepoint/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { Loading } from '../../components/Loading';
import { delegateApi } from '../../lib/endpoints';
import { useLive } from '../../lib/live';
import { formatTime } from '../../lib/time';
import { PublicView } from './PublicView';
import { useDelegateSender, type Pending } from './sender';

const SEND_TIMEOUT_MS = 15_000;

/** After "who are you": one tap to check in, then the conference as every delegate sees it, and questions. */
export function DelegateConsole({ session, onSignOut }: { session: DelegateSessionResponse; onSignOut: () => void }) {
  const { t, i18n } = useTranslation();
  const queryClient = useQueryClient();
  const api = useMemo(() => delegateApi(session, onSignOut), [session, onSignOut]);
  const meKey = useMemo(() => ['delegate', session.delegateId, 'me'], [session.delegateId]);
  const me = useQuery({ queryKey: meKey, queryFn: api.me });
  const [state, setState] = useState<PublicConferenceState | null>(null);
  const [asked, setAsked] = useState(false);
  const [text, setText] = useState('');
  const { sender, snapshot } = useDelegateSender(session.delegateId);
  const live = useLive({ token: session.accessToken, conferenceId: session.conferenceId, onPublic: setState, onRefused: onSignOut });

  useEffect(() => {
    const send = (p: Pending) => {
      const signal = AbortSignal.timeout(SEND_TIMEOUT_MS);
      return p.action.kind === 'check-in' ? api.checkIn(p.id, signal) : api.ask(p.action.text, p.id, signal);
    };
    sender.connect(send, (p, result) => {
      if (p.action.kind === 'check-in') {
        const r = result as SelfCheckInResponse;
        queryClient.setQueryData<DelegateMe>(meKey, (m) => (m ? { ...m, checkedInAt: r.checkedInAt } : m));
      } else {
        setAsked(true);
      }
    });
    return () => sender.disconnect();
  }, [api, sender, queryClient, meKey]);

  if (me.isPending) return <Loading />;
  if (me.isError) return <ErrorNotice error={me.error} onRetry={() => void me.refetch()} />;
  const checkingIn = snapshot.pending.some((p) => p.action.kind === 'check-in');
  const submitQuestion = (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    sender.enqueue({ kind: 'question', text: text.trim() });
    setText('');
    setAsked(false);
  };

  return (
    <div className="delegate stack" data-testid="delegate-console">
      <section className="delegate-card stack">
        <div className="delegate-who">
          <div>
            <h1 className="delegate-name">{t('delegate.hello', { name: me.data.fullName })}</h1>
            <p className="muted small">{[me.data.title, me.data.unit, me.data.pointName].filter(Boolean).join(' · ')}</p>
          </div>
          <span className={`live-dot live-${live.status}`} title={t(`delegate.connection.${live.status}`)} aria-label={t(`delegate.connection.${live.status}`)} />
        </div>
        {me.data.checkedInAt ? (
          <p className="delegate-checked" data-testid="delegate-checked-in" role="status">
            ✓ {t('delegate.checkedIn', { time: formatTime(me.data.checkedInAt, i18n.language) })}
          </p>
        ) : (
          <>
            <button type="button" className="btn btn-primary btn-block btn-huge" data-testid="delegate-check-in" disabled={checkingIn} onClick={() => sender.enqueue({ kind: 'check-in' })}>
              {checkingIn ? t('delegate.checkingIn') : t('delegate.checkIn')}
            </button>
            <p className="muted small">{snapshot.waitingForNetwork ? t('delegate.waitingNetwork') : t('delegate.checkInHint')}</p>
          </>
        )}
        {snapshot.failed && <ErrorNotice error={snapshot.failed.error} />}
      </section>
      {state && <PublicView state={state} />}
      <form className="delegate-card stack" onSubmit={submitQuestion}>
        <h2>{t('delegate.ask')}</h2>
        <textarea name="question" rows={3} maxLength={1000} value={text} onChange={(e) => setText(e.target.value)} placeholder={t('delegate.askPlaceholder')} />
        {asked && <p className="muted small" role="status">{t('delegate.sent')}</p>}
        <button type="submit" className="btn btn-block" disabled={!text.trim()}>
          {snapshot.pending.some((p) => p.action.kind === 'question') ? t('delegate.sending') : t('delegate.send')}
        </button>
      </form>
      <p className="delegate-footer muted small">
        {t('delegate.notYou')}{' '}
        <button type="button" className="btn-link" onClick={onSignOut}>
          {t('delegate.signOut')}
        </button>
      </p>
    </div>
  );
}
