/** How a phone number was repaired on the way in. */
export type PhoneFix = 'zero-restored' | 'country-code';

/**
 * Vietnamese phone numbers, kept as text in the national form: separators dropped; +84, 0084 and a
 * bare 84 (a number cell loses the +) become the leading 0; a leading 0 a number cell dropped comes
 * back by length (mobiles have 10 digits, 0 then 3/5/7/8/9; landlines 11 digits starting 02).
 * Other international numbers keep their +. Null when it is no phone number.
 */
export function normalizePhone(input: string): { number: string; fix?: PhoneFix } | null {
  const compact = input.replace(/[\s.\-()]/g, '');
  if (!/^\+?\d+$/.test(compact)) return null;
  const national = /^(?:\+84|0084|84)(\d+)$/.exec(compact);
  if (national && (isMobile(`0${national[1]}`) || isLandline(`0${national[1]}`))) {
    return { number: `0${national[1]}`, fix: 'country-code' };
  }
  if (compact.startsWith('+')) {
    const digits = compact.length - 1;
    return digits >= 8 && digits <= 15 && !compact.startsWith('+84') ? { number: compact } : null;
  }
  if (isMobile(compact) || isLandline(compact) || isService(compact)) return { number: compact };
  if (isMobile(`0${compact}`) || isLandline(`0${compact}`)) return { number: `0${compact}`, fix: 'zero-restored' };
  // Numbers outside today's plan (old 11-digit mobiles, short internal lines) are kept as written.
  return /^0\d{8,10}$/.test(compact) ? { number: compact } : null;
}

const isMobile = (d: string) => /^0[35789]\d{8}$/.test(d);
const isLandline = (d: string) => /^02\d{9}$/.test(d);
/** 1800 / 1900 lines. */
const isService = (d: string) => /^1[89]00\d{4,6}$/.test(d);
