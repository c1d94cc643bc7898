import type { operatorLayoutVi } from './operatorLayout.vi';

export const operatorLayoutEn: typeof operatorLayoutVi = {
  operatorLayout: {
    checkIn: 'Point check-in',
    media: 'Broadcast and the point’s camera',
    agenda: 'Conference agenda',
  },
};
