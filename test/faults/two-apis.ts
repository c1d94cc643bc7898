// The deployment the fault tests break: a private Redis, two api processes sharing it (B peers A)
// and a conference seeded through A.
import { startStack, type Stack } from '../bench/stack.ts';
import { seedConference, type SeededConference } from './check-ins.ts';
import { startPrivateRedis, type PrivateRedis } from './redis-server.ts';

export class TwoApis {
  redis: PrivateRedis | undefined;
  a: Stack | undefined;
  b: Stack | undefined;
  /** The organizer's access token. */
  organizer = '';
  conf!: SeededConference;

  /** Starts everything in order, so `stop()` can tear down whatever came up if a step fails. */
  async start(points: number, perPoint: number, extraEnv: Record<string, string> = {}): Promise<void> {
    this.redis = await startPrivateRedis();
    const env = { REDIS_URL: this.redis.url, ...extraEnv };
    this.a = await startStack('postgres', env, { captureOutput: true });
    this.b = await startStack('postgres', env, { peer: this.a, captureOutput: true });
    this.organizer = await this.a.token();
    this.conf = await seedConference(this.a.url, this.organizer, points, perPoint);
  }

  async stop(): Promise<void> {
    await this.b?.stop();
    await this.a?.stop();
    await this.redis?.dispose();
  }
}
