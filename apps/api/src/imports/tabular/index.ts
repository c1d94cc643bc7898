export { detectFormat } from './detect';
export { checkTable, readTable, type Table } from './read-table';
export {
  validateDelegateRow,
  validatePointRow,
  type DelegateRow,
  type PointRow,
  type RowResult,
} from './rows';
export { TabularError, type TableHeader, type TableRow, type TabularErrorCode, type TabularFormat } from './tabular.types';
