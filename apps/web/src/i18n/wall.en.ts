import type { wallVi } from './wall.vi';

/** The control room's camera wall: filters and one camera large (English). */
export const wallEn: typeof wallVi = {
  wall: {
    search: 'Find a point',
    searchPlaceholder: 'Code, name, operator…',
    district: 'District',
    allDistricts: 'All districts',
    state: 'State',
    states: { all: 'All', sending: 'Sending video', online: 'Online', offline: 'Offline' },
    count: '{{shown}} of {{total}} points',
    enlarge: 'Enlarge {{name}}',
    close: 'Close',
  },
};
