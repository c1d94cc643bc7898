/** Bản ghi hình của máy chủ (tiếng Việt). */
export const recordingsVi = {
  recordings: {
    tab: 'Bản ghi hình',
    title: 'Bản ghi hình trên máy chủ',
    hint: 'Máy chủ tự ghi hình phần phát sóng và từng lượt phát biểu của các điểm cầu, mỗi lượt một tệp.',
    off: 'Máy chủ đang không ghi hình: {{reason}}',
    empty: 'Chưa có bản ghi nào. Việc ghi hình bắt đầu khi phát sóng hoặc khi một điểm cầu được trao quyền phát biểu.',
    columns: {
      startedAt: 'Bắt đầu',
      duration: 'Thời lượng',
      kind: 'Loại',
      point: 'Điểm cầu phát biểu',
      agenda: 'Nội dung chương trình',
      file: 'Tệp',
    },
    kinds: { broadcast: 'Phát sóng', floor: 'Lượt phát biểu' },
    states: {
      recording: 'Đang ghi',
      done: 'Hoàn tất',
      interrupted: 'Bị ngắt (tệp vẫn xem được đến chỗ ngắt)',
      failed: 'Không ghi được',
    },
    download: 'Tải về',
    downloading: 'Đang tải…',
  },
};
