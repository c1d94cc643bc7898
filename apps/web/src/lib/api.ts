import { ErrorCode, type ErrorBody } from '@bridgepoint/contracts';

/** Codes the client adds for failures that never reached the server or came back unreadable. */
export const ClientErrorCode = {
  Network: 'NETWORK_ERROR',
  BadResponse: 'BAD_RESPONSE',
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type AnyErrorCode = ErrorCode | ClientErrorCode;

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: AnyErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

const TOKEN_KEY = 'bridgepoint.token';

export const tokenStore = {
  get(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string): void {
    localStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    localStorage.removeItem(TOKEN_KEY);
  },
};

type UnauthorizedHandler = () => void;
let onUnauthorized: UnauthorizedHandler = () => undefined;

/** Called once by the app shell: what to do when the server says the token is no longer good. */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler;
}

function isErrorBody(value: unknown): value is ErrorBody {
  return typeof value === 'object' && value !== null && 'code' in value && 'message' in value;
}

function statusCode(status: number): AnyErrorCode {
  if (status === 401) return ErrorCode.Unauthenticated;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 404) return ErrorCode.NotFound;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 429) return ErrorCode.RateLimited;
  if (status === 502 || status === 503 || status === 504) return ErrorCode.ServiceUnavailable;
  return ClientErrorCode.BadResponse;
}

function toApiError(status: number, body: unknown, fallbackText: string): ApiError {
  if (isErrorBody(body)) {
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message);
    return new ApiError(status, body.code, message, body.details);
  }
  return new ApiError(status, statusCode(status), fallbackText || `HTTP ${status}`);
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function handleFailure(status: number, body: unknown, text: string, anonymous: boolean): never {
  const error = toApiError(status, body, text.slice(0, 200));
  if (status === 401 && !anonymous) {
    tokenStore.clear();
    onUnauthorized();
  }
  throw error;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | undefined | null>;
  /** Requests made before signing in: a 401 is an answer, not an expired session. */
  anonymous?: boolean;
  /**
   * A point operator's token instead of the organizer's: a 401 then speaks about that token and
   * leaves the organizer's session alone.
   */
  token?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function buildUrl(path: string, query?: RequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api${path}${search ? `?${search}` : ''}`;
}

function authHeaders(explicitToken?: string): Record<string, string> {
  const token = explicitToken ?? tokenStore.get();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** The organizer's session ended somewhere other than an HTTP answer (a live connection refused). */
export function signalUnauthorized(): void {
  tokenStore.clear();
  onUnauthorized();
}

export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...authHeaders(options.token),
    ...options.headers,
  };
  let body: BodyInit | undefined;
  if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method: options.method ?? 'GET',
      headers,
      body,
      signal: options.signal,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, ClientErrorCode.Network, cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) handleFailure(response.status, parsed, text, options.anonymous === true || options.token !== undefined);
  return parsed as T;
}

/**
 * Fetches a file with the session's token (a plain link cannot send it) and hands it to the browser
 * as a download named `filename`.
 */
export async function downloadFile(path: string, filename: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(buildUrl(path), { headers: authHeaders() });
  } catch (cause) {
    throw new ApiError(0, ClientErrorCode.Network, cause instanceof Error ? cause.message : String(cause));
  }
  if (!response.ok) {
    const text = await response.text();
    handleFailure(response.status, parseJson(text), text, false);
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // The browser has started reading the blob by now; give slow disks a minute before letting it go.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Multipart upload with upload progress (fetch cannot report it).
 * `onProgress` receives 0..100 while the body is sent.
 */
export function upload<T>(path: string, form: FormData, onProgress?: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl(path));
    xhr.setRequestHeader('Accept', 'application/json');
    for (const [key, value] of Object.entries(authHeaders())) xhr.setRequestHeader(key, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && onProgress) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, ClientErrorCode.Network, 'Network error'));
    xhr.onload = () => {
      const text = xhr.responseText;
      const parsed = parseJson(text);
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(100);
        resolve(parsed as T);
        return;
      }
      try {
        handleFailure(xhr.status, parsed, text, false);
      } catch (error) {
        reject(error);
      }
    };
    xhr.send(form);
  });
}
