/** The rehearsal: the operator's confirmation and the readiness board's view of it (Vietnamese). */
export const rehearsalVi = {
  rehearsal: {
    title: 'Tổng duyệt',
    intro: 'Hội nghị đang tổng duyệt. Khi thấy buổi phát thử, hãy xác nhận điểm cầu nhận được cả hình và tiếng.',
    practice: 'Điểm danh trong buổi tổng duyệt chỉ để thử và sẽ được xoá khi tổng duyệt kết thúc.',
    received: 'Đã nhận hình và tiếng',
    problem: 'Có sự cố',
    whatMissing: 'Điểm cầu không nhận được gì?',
    problems: { picture: 'Không có hình', sound: 'Không có tiếng', both: 'Không có cả hình và tiếng' },
    note: 'Ghi chú cho ban tổ chức (không bắt buộc)',
    sendProblem: 'Báo sự cố',
    confirmed: 'Đã xác nhận nhận được hình và tiếng.',
    confirmedAt: 'Đã xác nhận nhận được hình và tiếng lúc {{time}}.',
    reported: 'Đã báo sự cố: {{problem}}. Ban tổ chức sẽ liên hệ.',
    reportedShort: 'Đã báo sự cố. Ban tổ chức sẽ liên hệ.',
    board: 'Tổng duyệt: {{confirmed}} đã xác nhận · {{problem}} báo sự cố · {{unanswered}} chưa trả lời',
    tile: { confirmed: 'Tổng duyệt: đã nhận hình và tiếng', problem: 'Tổng duyệt: {{problem}}', unconfirmed: 'Tổng duyệt: chưa xác nhận' },
  },
};
