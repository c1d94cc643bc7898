import type { ImportKind } from './enums';

/**
 * Columns an import file may carry. Headers are matched after folding case, diacritics,
 * punctuation and spaces, so "Mã điểm cầu", "ma diem cau" and "MA_DIEM_CAU" are one header.
 */
export interface ImportColumn {
  field: string;
  required: boolean;
  /** English and Vietnamese names accepted for this column. */
  headers: readonly string[];
}

export const POINT_COLUMNS: readonly ImportColumn[] = [
  { field: 'code', required: true, headers: ['code', 'point code', 'mã', 'mã điểm', 'mã điểm cầu'] },
  { field: 'name', required: true, headers: ['name', 'point name', 'point', 'tên', 'tên điểm', 'tên điểm cầu', 'điểm cầu'] },
  { field: 'district', required: false, headers: ['district', 'quận/huyện', 'quận huyện', 'quận', 'huyện', 'quận/huyện/thị xã'] },
  { field: 'ward', required: false, headers: ['ward', 'commune', 'ward/commune', 'phường/xã', 'phường xã', 'phường', 'xã', 'phường/xã/thị trấn'] },
  { field: 'agency', required: false, headers: ['agency', 'cơ quan', 'sở/ngành', 'sở ngành', 'đơn vị cấp thành phố'] },
  { field: 'address', required: false, headers: ['address', 'location', 'địa chỉ', 'địa điểm'] },
  { field: 'expectedDelegates', required: false, headers: ['expected delegates', 'delegates', 'expected', 'số đại biểu', 'số lượng đại biểu', 'đại biểu dự kiến'] },
  { field: 'operatorName', required: false, headers: ['operator', 'operator name', 'contact', 'người phụ trách', 'cán bộ phụ trách', 'người liên hệ', 'kỹ thuật viên'] },
  { field: 'operatorPhone', required: false, headers: ['phone', 'operator phone', 'contact phone', 'số điện thoại', 'điện thoại', 'sđt'] },
];

export const DELEGATE_COLUMNS: readonly ImportColumn[] = [
  { field: 'code', required: true, headers: ['code', 'delegate code', 'id', 'mã', 'mã đại biểu', 'mã số'] },
  { field: 'fullName', required: true, headers: ['full name', 'name', 'delegate', 'họ và tên', 'họ tên', 'tên đại biểu'] },
  { field: 'title', required: false, headers: ['title', 'position', 'job title', 'chức vụ', 'chức danh'] },
  { field: 'unit', required: false, headers: ['unit', 'organization', 'organisation', 'đơn vị', 'cơ quan', 'đơn vị công tác'] },
  { field: 'pointCode', required: false, headers: ['point code', 'point', 'bridge point', 'mã điểm cầu', 'điểm cầu', 'mã điểm'] },
];

export const IMPORT_COLUMNS: Record<ImportKind, readonly ImportColumn[]> = {
  points: POINT_COLUMNS,
  delegates: DELEGATE_COLUMNS,
};

/** Largest accepted import file. */
export const IMPORT_MAX_BYTES = 20 * 1024 * 1024;
/** Row errors listed in a job result; the rest are only counted. */
export const IMPORT_MAX_LISTED_ERRORS = 500;
