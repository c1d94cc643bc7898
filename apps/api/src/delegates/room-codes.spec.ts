import { randomBytes, randomUUID } from 'node:crypto';
import { openRoomCode, periodAt, roomCodeExpiry, roomCodeFor } from './room-codes';

describe('room codes', () => {
  const key = randomBytes(32);
  const conferenceId = randomUUID();
  const pointId = randomUUID();
  const t0 = Date.UTC(2026, 11, 1, 1, 0, 30);

  it('name the room for the period they were shown in and the next one, then expire', () => {
    const code = roomCodeFor(key, conferenceId, pointId, periodAt(t0));
    expect(code).toMatch(/^[A-Za-z0-9_-]{62}$/);
    expect(openRoomCode(key, code, t0)).toEqual({ conferenceId, pointId, period: periodAt(t0) });
    expect(openRoomCode(key, code, t0 + 60_000)).not.toBeNull();
    expect(openRoomCode(key, code, t0 + 120_000)).toBeNull();
    // A code from the future (a clock or a forgery) is not accepted either.
    expect(openRoomCode(key, roomCodeFor(key, conferenceId, pointId, periodAt(t0) + 1), t0)).toBeNull();
    expect(roomCodeExpiry(periodAt(t0)).getTime()).toBe(Date.UTC(2026, 11, 1, 1, 2, 0));
  });

  it('change every period and refuse anything not made with the key', () => {
    const a = roomCodeFor(key, conferenceId, pointId, periodAt(t0));
    const b = roomCodeFor(key, conferenceId, pointId, periodAt(t0) + 1);
    expect(a).not.toBe(b);
    expect(openRoomCode(randomBytes(32), a, t0)).toBeNull();
    const tampered = Buffer.from(a, 'base64url');
    tampered[20] ^= 1;
    expect(openRoomCode(key, tampered.toString('base64url'), t0)).toBeNull();
    for (const junk of ['', 'x', 'a'.repeat(62), `${a}=`, '../../etc', a.slice(0, 61)]) expect(openRoomCode(key, junk, t0)).toBeNull();
  });
});
