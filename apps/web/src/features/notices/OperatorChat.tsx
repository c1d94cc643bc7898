import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatThread } from './ChatThread';
import { useThread } from './useChat';

/** The operator's thread with the control room: collapsed to one button with its unread badge. */
export function OperatorChat({ conferenceId, pointId, token }: { conferenceId: string; pointId: string; token: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const thread = useThread(conferenceId, pointId, 'point', token);
  const unread = thread.query.data?.unread ?? 0;
  return (
    <section className="card operator-chat" aria-labelledby="operator-chat-title" data-testid="operator-chat">
      <div className="operator-chat-head">
        <h2 id="operator-chat-title">{t('notices.chatTitle')}</h2>
        {unread > 0 && (
          <span className="chat-badge" data-testid="operator-chat-unread">
            {t('notices.chatUnread', { count: unread })}
          </span>
        )}
        <button type="button" className="btn btn-small" aria-expanded={open} onClick={() => setOpen(!open)} data-testid="operator-chat-toggle">
          {open ? t('notices.chatClose') : t('notices.chatOpen')}
        </button>
      </div>
      {open && <ChatThread thread={thread.query} side="point" onSend={thread.send} onRead={thread.markRead} />}
    </section>
  );
}
