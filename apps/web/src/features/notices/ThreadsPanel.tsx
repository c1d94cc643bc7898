import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/endpoints';
import { presenceKey } from '../control/usePresence';
import { ChatThread } from './ChatThread';
import { useThread, useThreads } from './useChat';

/** The control room's threads with the points: unread badges, one thread open at a time, a new one with any point. */
export function ThreadsPanel({ conferenceId }: { conferenceId: string }) {
  const { t } = useTranslation();
  const threads = useThreads(conferenceId);
  const [pointId, setPointId] = useState<string | null>(null);
  const thread = useThread(conferenceId, pointId, 'control');
  const presence = useQuery({ queryKey: presenceKey(conferenceId), queryFn: () => api.presence(conferenceId), staleTime: Infinity });
  const points = [...(presence.data?.points ?? [])].sort((a, b) => a.code.localeCompare(b.code));
  const list = threads.data ?? [];
  const unread = list.reduce((n, s) => n + s.unread, 0);
  const open = pointId ? (list.find((s) => s.pointId === pointId) ?? points.find((p) => p.pointId === pointId)) : undefined;

  return (
    <section className="card threads-panel" aria-labelledby="threads-title" data-testid="threads-panel">
      <div className="operator-chat-head">
        <h2 id="threads-title">{t('notices.threadsTitle')}</h2>
        {unread > 0 && (
          <span className="chat-badge" data-testid="threads-unread">
            {t('notices.chatUnread', { count: unread })}
          </span>
        )}
      </div>
      {pointId ? (
        <>
          <div className="threads-open-head">
            <button type="button" className="btn btn-small" onClick={() => setPointId(null)}>
              ← {t('notices.threadsBack')}
            </button>
            <strong>{open ? `${open.code} · ${open.name}` : ''}</strong>
          </div>
          <ChatThread key={pointId} thread={thread.query} side="control" onSend={thread.send} onRead={thread.markRead} />
        </>
      ) : (
        <>
          <label className="field threads-pick">
            <span className="field-label">{t('notices.threadsPick')}</span>
            <select value="" onChange={(e) => e.target.value && setPointId(e.target.value)} data-testid="threads-pick">
              <option value="">{t('notices.threadsPickNone')}</option>
              {points.map((p) => (
                <option key={p.pointId} value={p.pointId}>
                  {p.code} · {p.name}
                </option>
              ))}
            </select>
          </label>
          {threads.isSuccess && list.length === 0 && <p className="muted">{t('notices.threadsNone')}</p>}
          <ul className="threads-list">
            {list.map((s) => (
              <li key={s.pointId}>
                <button type="button" className={`threads-item ${s.unread > 0 ? 'has-unread' : ''}`} onClick={() => setPointId(s.pointId)} data-testid="threads-item">
                  <span className="threads-point">
                    <strong>{s.code}</strong> {s.name}
                  </span>
                  <span className="threads-last muted">{s.last.text}</span>
                  {s.unread > 0 && <span className="chat-badge">{s.unread}</span>}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
