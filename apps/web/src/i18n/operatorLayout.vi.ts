/** The operator page's layout on a phone: sections, the check-in card (Vietnamese). */
export const operatorLayoutVi = {
  operatorLayout: {
    checkIn: 'Điểm danh điểm cầu',
    media: 'Truyền hình và camera của điểm cầu',
    agenda: 'Chương trình hội nghị',
  },
};
