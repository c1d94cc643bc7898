import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse } from '@bridgepoint/contracts';
import type { Redis } from 'ioredis';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { DatabaseInfo } from '../database/database.module';
import { MEDIA_ENGINE, type MediaEngine } from '../media/media-engine';
import { REDIS } from '../redis/redis.module';

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T) =>
  Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DatabaseInfo,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() @Inject(MEDIA_ENGINE) private readonly media?: MediaEngine,
  ) {}

  /** 200 when the database and Redis answer; 503 otherwise, with what is down. */
  @Public()
  @Get()
  @ApiResponse({ status: 503, description: 'The database or Redis does not answer: what is down', schema: { $ref: '#/components/schemas/HealthResponse' } })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const [db, redis] = await Promise.all([
      withTimeout(this.db.ping(), 2000, false),
      withTimeout(this.redis.ping().then((p) => p === 'PONG'), 2000, false),
    ]);
    const ok = db && redis;
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      db: db ? 'ok' : 'down',
      redis: redis ? 'ok' : 'down',
      media: { engine: this.media?.name ?? 'none', workers: this.media?.workers ?? 0 },
      database: this.db.engine,
    };
  }
}
