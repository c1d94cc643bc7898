import type { recordingsVi } from './recordings.vi';

/** The server's recordings (English). */
export const recordingsEn: typeof recordingsVi = {
  recordings: {
    tab: 'Recordings',
    title: 'Recordings on the server',
    hint: 'The server records the broadcast and every speaking turn of the points by itself, one file each.',
    off: 'The server is not recording: {{reason}}',
    empty: 'No recording yet. Recording starts when the broadcast starts or when a point is given the floor.',
    columns: {
      startedAt: 'Started',
      duration: 'Duration',
      kind: 'Kind',
      point: 'Speaking point',
      agenda: 'Agenda item',
      file: 'File',
    },
    kinds: { broadcast: 'Broadcast', floor: 'Speaking turn' },
    states: {
      recording: 'Recording',
      done: 'Done',
      interrupted: 'Interrupted (the file plays up to the cut)',
      failed: 'Not recorded',
    },
    download: 'Download',
    downloading: 'Downloading…',
  },
};
