// An api process holding operator pages is SIGKILLed: it cannot release anything. Its presence
// entries expire, and the surviving process takes those points offline by itself, while the points
// whose pages it holds itself stay online.
import { io, type Socket } from 'socket.io-client';
import type { PresenceChanged, PresenceDto } from '@bridgepoint/contracts';
import { TwoApis } from './two-apis.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function live(url: string, token: string, conferenceId: string): Promise<Socket> {
  const socket = io(`${url}/live`, { auth: { token, conferenceId }, transports: ['websocket'], forceNew: true, reconnection: false });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function presence(url: string, token: string, conferenceId: string): Promise<PresenceDto> {
  const res = await fetch(`${url}/api/conferences/${conferenceId}/presence`, { headers: { Authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`presence: ${res.status} ${await res.text()}`);
  return (await res.json()) as PresenceDto;
}

describe('presence: an api process is SIGKILLed', () => {
  const apis = new TwoApis();
  const sockets: Socket[] = [];

  beforeAll(() => apis.start(4, 1), 180_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    await apis.stop();
  }, 60_000);

  it('takes the dead process’s points offline from the other process, and only those', async () => {
    const { a, b, organizer, conf } = apis;
    const [p1, p2, p3] = conf.points;
    const watcher = await live(a!.url, organizer, conf.id);
    const heard: (PresenceChanged & { seenAt: number })[] = [];
    watcher.on('presence.changed', (c: PresenceChanged) => heard.push({ ...c, seenAt: Date.now() }));
    sockets.push(watcher);
    // p1 and p2 only on B; p3 on both.
    for (const [url, p] of [[b!.url, p1], [b!.url, p2], [b!.url, p3], [a!.url, p3]] as const) sockets.push(await live(url, p.token, conf.id));
    const deadline = Date.now() + 10_000;
    while ((await presence(a!.url, organizer, conf.id)).online < 3 && Date.now() < deadline) await sleep(100);
    expect((await presence(a!.url, organizer, conf.id)).online).toBe(3);

    const killedAt = Date.now();
    b!.process.kill('SIGKILL');
    const until = Date.now() + 20_000;
    const off = () => heard.filter((c) => !c.online).map((c) => c.pointId);
    while ((!off().includes(p1.id) || !off().includes(p2.id)) && Date.now() < until) await sleep(50);
    const took = heard.filter((c) => !c.online).map((c) => c.seenAt - killedAt);
    console.log(`SIGKILL of the api holding 3 points: offline heard after ${took.join(', ')} ms`);

    expect(off().sort()).toEqual([p1.id, p2.id].sort());
    // Entries expire 8 s after the last heartbeat (every 2 s), then the next sweep (every 1 s) notices.
    expect(Math.max(...took)).toBeLessThan(12_000);
    const now = await presence(a!.url, organizer, conf.id);
    expect(now.online).toBe(1);
    expect(now.points.find((p) => p.pointId === p3.id)!.online).toBe(true);
  }, 120_000);
});
