import type { LiveOptions } from '../../lib/live';
import { useChatEvents } from './useChat';
import { useNotices } from './useNotices';

type SupportHandlers = Pick<LiveOptions, 'onAnnouncement' | 'onAnnouncementChanged' | 'onChatMessage' | 'onChatRead' | 'onConnect'>;

/** An operator page's notices and chat, with the `/live` handlers to spread into its `useLive` options. */
export function useOperatorSupport(conferenceId: string, pointId: string, token: string) {
  const notices = useNotices(conferenceId, pointId, token);
  const chat = useChatEvents(conferenceId, 'point');
  const live: SupportHandlers = {
    onAnnouncement: notices.onNotice,
    onChatMessage: chat.onChatMessage,
    onChatRead: chat.onChatRead,
    onConnect: () => {
      notices.onConnect();
      chat.onConnect();
    },
  };
  return { notices, live };
}

/** The control room's notices and chat threads, with the `/live` handlers for its socket. */
export function useControlSupport(conferenceId: string) {
  const notices = useNotices(conferenceId, null);
  const chat = useChatEvents(conferenceId, 'control');
  const live: SupportHandlers = {
    onAnnouncementChanged: notices.onNotice,
    onChatMessage: chat.onChatMessage,
    onChatRead: chat.onChatRead,
    onConnect: () => {
      notices.onConnect();
      chat.onConnect();
    },
  };
  return { notices, live };
}
