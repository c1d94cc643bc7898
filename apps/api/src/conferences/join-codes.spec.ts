import { randomBytes } from 'node:crypto';
import { generateJoinCode, hashJoinCode, JOIN_CODE_LENGTH, normalizeJoinCode, openJoinCode, sealJoinCode } from './join-codes';

describe('join codes', () => {
  it('carries at least 60 bits and does not repeat across 10,000 draws', () => {
    expect(JOIN_CODE_LENGTH * 5).toBeGreaterThanOrEqual(60);
    const seen = new Set(Array.from({ length: 10_000 }, generateJoinCode));
    expect(seen.size).toBe(10_000);
    for (const code of [...seen].slice(0, 100)) expect(normalizeJoinCode(code)).toBe(code);
  });

  it('uses every symbol of the alphabet, uniformly enough', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 2000; i++) for (const ch of generateJoinCode()) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    expect(counts.size).toBe(32);
    const expected = (2000 * JOIN_CODE_LENGTH) / 32;
    for (const n of counts.values()) expect(Math.abs(n - expected) / expected).toBeLessThan(0.2);
  });

  it('accepts what an operator types from a printed sheet', () => {
    const code = '7KQF2M9XHPT4R';
    expect(normalizeJoinCode('7kqf-2m9x-hpt4r')).toBe(code);
    expect(normalizeJoinCode(' 7KQF 2M9X HPT4R ')).toBe(code);
    expect(normalizeJoinCode('0O1IL00000000')).toBe('0011100000000');
    expect(normalizeJoinCode('7KQF2M9XHPT4')).toBeNull();
    expect(normalizeJoinCode('7KQF2M9XHPT4U')).toBeNull();
  });

  it('seals so organizers can read the code back, and the hash finds it', () => {
    const key = randomBytes(32);
    const code = generateJoinCode();
    const sealed = sealJoinCode(code, key);
    expect(sealed).not.toContain(code);
    expect(openJoinCode(sealed, key)).toBe(code);
    expect(() => openJoinCode(sealed, randomBytes(32))).toThrow();
    expect(hashJoinCode(code)).toBe(hashJoinCode(normalizeJoinCode(code.toLowerCase())!));
  });
});
