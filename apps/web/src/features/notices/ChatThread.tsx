import { CHAT_MESSAGE_MAX_LENGTH, type ChatSide, type ChatThreadDto } from '@bridgepoint/contracts';
import type { UseQueryResult } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../lib/errors';
import { formatTime } from '../../lib/time';

interface Props {
  thread: UseQueryResult<ChatThreadDto>;
  side: ChatSide;
  onSend: (text: string) => Promise<unknown>;
  /** Called while the thread is shown and has unread messages. */
  onRead: () => Promise<unknown>;
}

/** A thread between the control room and one point: messages oldest first, and a box to answer. */
export function ChatThread({ thread, side, onSend, onRead }: Props) {
  const { t, i18n } = useTranslation();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const list = useRef<HTMLOListElement>(null);
  const messages = thread.data?.messages ?? [];
  const unread = thread.data?.unread ?? 0;

  useEffect(() => {
    if (unread > 0) void onRead().catch(() => undefined);
  }, [unread, onRead]);
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [messages.length]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || sending) return;
    setSending(true);
    setError(null);
    try {
      await onSend(text);
      setText('');
    } catch (failure) {
      setError(failure);
    } finally {
      setSending(false);
    }
  };

  return (
    <div className="chat-thread" data-testid="chat-thread">
      {thread.isSuccess && messages.length === 0 && <p className="muted">{t('notices.chatEmpty')}</p>}
      <ol className="chat-messages" ref={list}>
        {messages.map((m) => (
          <li key={m.id} className={`chat-message ${m.from === side ? 'is-mine' : 'is-theirs'}`} data-testid="chat-message">
            <span className="chat-meta">
              {m.from === side ? t('notices.chatYou') : m.from === 'control' ? (m.author ?? t('notices.chatControl')) : t('notices.chatPoint')} ·{' '}
              {formatTime(m.createdAt, i18n.language)}
            </span>
            <span className="chat-text">{m.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={(e) => void submit(e)}>
        <textarea
          value={text}
          rows={2}
          maxLength={CHAT_MESSAGE_MAX_LENGTH}
          placeholder={t('notices.chatPlaceholder')}
          aria-label={t('notices.chatPlaceholder')}
          onChange={(e) => setText(e.target.value)}
          data-testid="chat-text"
        />
        <button type="submit" className="btn btn-primary" disabled={sending || !text.trim()} data-testid="chat-send">
          {sending ? t('notices.chatSending') : t('notices.chatSend')}
        </button>
      </form>
      {error !== null && (
        <p className="field-error" role="alert">
          {describeError(t, error).title}
        </p>
      )}
    </div>
  );
}
