import { ErrorCode } from '@bridgepoint/contracts';
import type { NextFunction, Request, Response } from 'express';
import { DomainError } from './domain-error';

/** Deeper JSON than this is refused: no request of ours nests more than a few levels. */
export const MAX_JSON_DEPTH = 32;

/**
 * Walks a parsed JSON body once (iteratively: a hostile body cannot overflow the stack), refusing
 * nesting deeper than MAX_JSON_DEPTH and NUL characters in any string or key, with a 400 and a stable
 * code, before validation sees it. Every text field of every endpoint is covered by this one check;
 * the DTOs refuse the other control characters.
 */
export function checkJsonValue(root: unknown): void {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) throw nul();
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_JSON_DEPTH) {
      throw DomainError.badRequest(ErrorCode.JsonTooDeep, `The request nests deeper than ${MAX_JSON_DEPTH} levels.`);
    }
    if (Array.isArray(value)) {
      for (const item of value) stack.push([item, depth + 1]);
    } else {
      for (const [key, item] of Object.entries(value)) {
        if (key.includes('\u0000')) throw nul();
        stack.push([item, depth + 1]);
      }
    }
  }
}

const nul = () => DomainError.badRequest(ErrorCode.InvalidText, 'Text may not contain NUL characters.');

/** Express middleware after the JSON parser. */
export function jsonGuard(req: Request, _res: Response, next: NextFunction) {
  try {
    if (req.body !== undefined) checkJsonValue(req.body);
    next();
  } catch (e) {
    next(e);
  }
}
