export { detectFormat } from './detect';
export { checkTable, readTable, type Table } from './read-table';
export { guardZip, readZipDirectory } from './zip-guard';
export {
  validateDelegateRow,
  validatePointRow,
  type DelegateRow,
  type PointRow,
  type RowResult,
} from './rows';
export { NO_LIMITS, TabularError, type TableHeader, type TableLimits, type TableRow, type TabularErrorCode, type TabularFormat } from './tabular.types';
