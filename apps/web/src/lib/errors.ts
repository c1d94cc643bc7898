import { ErrorCode } from '@bridgepoint/contracts';
import i18next, { type TFunction } from 'i18next';
import type { Messages } from '../i18n/vi';
import { ApiError, ClientErrorCode, isApiError, type AnyErrorCode } from './api';

/** Codes whose server message says exactly what is wrong (a field, the missing columns): show it too. */
const SHOW_SERVER_MESSAGE = new Set<AnyErrorCode>([
  ErrorCode.ValidationFailed,
  ErrorCode.ImportNotATable,
  ErrorCode.ImportMissingColumns,
  ErrorCode.ImportUnsupportedFormat,
  ErrorCode.ImportFileTooLarge,
  ErrorCode.ImportUncompressedTooLarge,
  ErrorCode.ImportTooManyRows,
  ErrorCode.ImportTooManyColumns,
  ErrorCode.ConferenceInvalidSchedule,
  ErrorCode.PayloadTooLarge,
  ErrorCode.Internal,
  ClientErrorCode.BadResponse,
]);

export interface DescribedError {
  /** What happened and what to do next, in the user's language. */
  title: string;
  /** The server's own words, when they add something. */
  detail?: string;
}

export function describeError(t: TFunction, error: unknown): DescribedError {
  if (!isApiError(error)) return { title: t('errors.generic') };
  if (!i18next.exists(`errors.${error.code}`)) return { title: error.message || t('errors.generic') };
  const key: keyof Messages['errors'] = error.code;
  const title = t(`errors.${key}`);
  const detail = SHOW_SERVER_MESSAGE.has(error.code) && error.message && error.message !== title ? error.message : undefined;
  return { title, detail };
}

/** The same, for an error kept as plain facts (a stored outbox failure, a live connection refusal). */
export function describeFacts(t: TFunction, facts: { status?: number; code: string; message: string }): DescribedError {
  return describeError(t, new ApiError(facts.status ?? 0, facts.code as AnyErrorCode, facts.message));
}
