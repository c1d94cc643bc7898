import type { noticesVi } from './notices.vi';

/** Notices from the organizers to the points (English). */
export const noticesEn: typeof noticesVi = {
  notices: {
    bannerTitle: 'Notice from the organizers',
    acknowledge: 'Got it',
    acknowledging: 'Sending…',
    ackFailed: 'Could not send the acknowledgement; please try again.',
    sentAt: 'at {{time}}',
    panelTitle: 'Notices to points',
    text: 'Notice text',
    textPlaceholder: 'For example: all points test their microphones before 8:15.',
    audience: 'Send to',
    allPoints: 'All points',
    send: 'Send notice',
    sending: 'Sending…',
    sent: 'Sent.',
    none: 'No notices yet.',
    toAll: 'All points',
    acked: 'Acknowledged by {{n}} of {{total}} points',
    remaining: '{{n}} characters left',
  },
};
