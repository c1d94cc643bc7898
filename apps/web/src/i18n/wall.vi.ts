/** The control room's camera wall: filters and one camera large (Vietnamese). */
export const wallVi = {
  wall: {
    search: 'Tìm điểm cầu',
    searchPlaceholder: 'Mã, tên, người phụ trách…',
    district: 'Quận/Huyện',
    allDistricts: 'Tất cả quận/huyện',
    state: 'Trạng thái',
    states: { all: 'Tất cả', sending: 'Đang gửi hình', online: 'Trực tuyến', offline: 'Mất kết nối' },
    count: '{{shown}} / {{total}} điểm cầu',
    enlarge: 'Phóng to hình của {{name}}',
    close: 'Đóng',
  },
};
