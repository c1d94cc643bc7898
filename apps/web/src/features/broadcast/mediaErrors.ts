import { MediaErrorCode } from '@bridgepoint/contracts';
import type { TFunction } from 'i18next';
import { MediaRequestError } from './signaling';

const SERVER_CODES = new Set<string>(Object.values(MediaErrorCode));
const DEVICE_ERRORS = ['NotAllowedError', 'NotFoundError', 'NotReadableError', 'OverconstrainedError'] as const;
type DeviceError = (typeof DEVICE_ERRORS)[number];

/** A sentence for the person in front of the screen: the server's refusal by its code, or what the browser said of a device. */
export function describeMediaError(t: TFunction, error: Error): string {
  if (error instanceof MediaRequestError && SERVER_CODES.has(error.code)) return t(`media.errors.${error.code as MediaErrorCode}`);
  if ((DEVICE_ERRORS as readonly string[]).includes(error.name)) return t(`media.deviceErrors.${error.name as DeviceError}`);
  return error.message;
}
