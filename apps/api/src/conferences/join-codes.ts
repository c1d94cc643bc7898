import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Crockford's base32: no I, L, O, U, so a code read aloud or off paper is not mistyped. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 13 symbols × 5 bits = 65 bits of entropy. */
export const JOIN_CODE_LENGTH = 13;

export function generateJoinCode(): string {
  const bytes = randomBytes(JOIN_CODE_LENGTH);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** Accepts what people type: lower case, spaces, dashes, O for 0 and I/L for 1. Null when it cannot be a code. */
export function normalizeJoinCode(input: string): string | null {
  const s = input
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (s.length !== JOIN_CODE_LENGTH) return null;
  for (const ch of s) if (!ALPHABET.includes(ch)) return null;
  return s;
}

export function hashJoinCode(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** AES-256-GCM: iv · tag · ciphertext, base64url. */
export function sealJoinCode(code: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(code, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

export function openJoinCode(sealed: string, key: Buffer): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
