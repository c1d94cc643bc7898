import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@bridgepoint/contracts';

/**
 * Passwords people are known to pick first, and the demo's default. Length does most of the work
 * (NIST SP 800-63B: a minimum length and a block list, no composition rules); this list catches the
 * long ones everybody tries.
 */
const COMMON = new Set(
  [
    'bridgepoint', 'bridgepoint1', 'bridgepoint123', 'password', 'password1', 'password123', 'password1234',
    'passw0rd', '123456789012', '1234567890', '12345678', '123456789', '1234567890123', '111111111111',
    '000000000000', 'qwertyuiop', 'qwertyuiop12', 'qwerty123456', '1q2w3e4r5t6y', 'abc123456789', 'iloveyou',
    'administrator', 'admin123456', 'adminadmin', 'admin@123456', 'changeme', 'changeme1234', 'welcome123',
    'letmein12345', 'matkhau', 'matkhau123', 'matkhau12345', 'hanoi123456', 'vietnam123', 'vietnam12345',
    'hoinghi12345', 'diemcau12345', 'truyenhinh123',
  ].map((p) => p.toLowerCase()),
);

/** What is wrong with a password, as sentences; empty when it is acceptable. */
export function passwordProblems(password: string, username?: string): string[] {
  const problems: string[] = [];
  const chars = [...password];
  if (chars.length < PASSWORD_MIN_LENGTH) problems.push(`use at least ${PASSWORD_MIN_LENGTH} characters (a few words make a good passphrase)`);
  if (chars.length > PASSWORD_MAX_LENGTH) problems.push(`use at most ${PASSWORD_MAX_LENGTH} characters`);
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(password)) problems.push('control characters are not allowed');
  const lower = password.toLowerCase();
  if (COMMON.has(lower) || COMMON.has(lower.replace(/[\s\d!@#$%^&*._-]+$/, ''))) problems.push('this password is too common');
  if (chars.length > 0 && new Set(chars).size <= 2) problems.push('use more than two different characters');
  if (username && username.length >= 3 && lower.includes(username.toLowerCase())) problems.push('do not include the username');
  return problems;
}
