/** Notices from the organizers to the points (Vietnamese). */
export const noticesVi = {
  notices: {
    bannerTitle: 'Thông báo từ Ban tổ chức',
    acknowledge: 'Đã nhận',
    acknowledging: 'Đang gửi…',
    ackFailed: 'Chưa gửi được xác nhận, vui lòng thử lại.',
    sentAt: 'lúc {{time}}',
    panelTitle: 'Thông báo tới điểm cầu',
    text: 'Nội dung thông báo',
    textPlaceholder: 'Ví dụ: Các điểm cầu kiểm tra micro trước 8 giờ 15.',
    audience: 'Gửi tới',
    allPoints: 'Tất cả điểm cầu',
    send: 'Gửi thông báo',
    sending: 'Đang gửi…',
    sent: 'Đã gửi.',
    none: 'Chưa có thông báo nào.',
    toAll: 'Tất cả điểm cầu',
    acked: 'Đã nhận {{n}}/{{total}} điểm cầu',
    remaining: '{{n}} ký tự còn lại',
  },
};
