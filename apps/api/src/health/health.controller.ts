import { Controller, Get, Inject, Optional, Res } from '@nestjs/common';
import { ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HealthResponse, LivenessResponse, ReadinessResponse } from '@bridgepoint/contracts';
import type { Response } from 'express';
import { Public } from '../auth/principal';
import { COORDINATION_STATUS, type CoordinationStatus } from '../coordination/coordination.module';
import { DatabaseInfo } from '../database/database.module';
import { MEDIA_ENGINE, type MediaEngine } from '../media/media-engine';
import { RecordingAvailability } from '../recording/recording-availability';
import { ShutdownState } from './shutdown-state';

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T) =>
  Promise.race([p.catch(() => fallback), new Promise<T>((r) => setTimeout(() => r(fallback), ms).unref())]);

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly db: DatabaseInfo,
    @Inject(COORDINATION_STATUS) private readonly coordination: CoordinationStatus,
    private readonly shutdown: ShutdownState,
    private readonly recording: RecordingAvailability,
    @Optional() @Inject(MEDIA_ENGINE) private readonly media?: MediaEngine,
  ) {}

  /** 200 when the database and Redis answer (or the api runs without Redis, in-process); 503 otherwise, with what is down. */
  @Public()
  @Get()
  @ApiResponse({ status: 503, description: 'The database or Redis does not answer: what is down', schema: { $ref: '#/components/schemas/HealthResponse' } })
  async health(@Res({ passthrough: true }) res: Response): Promise<HealthResponse> {
    const { db, redis } = await this.dependencies();
    const ok = db && redis;
    res.status(ok ? 200 : 503);
    return {
      status: ok ? 'ok' : 'degraded',
      db: db ? 'ok' : 'down',
      redis: this.redisState(redis),
      coordination: this.coordination.mode,
      media: { engine: this.media?.name ?? 'none', workers: this.media?.workers ?? 0 },
      recording: this.recording.dto(),
      database: this.db.engine,
    };
  }

  /** Liveness: the process is up and answering. Never looks at the database or Redis (an outage is no reason to restart). */
  @Public()
  @Get('live')
  live(): LivenessResponse {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Readiness: 200 when this process should get traffic (database and Redis answer, not shutting down); 503 otherwise. */
  @Public()
  @Get('ready')
  @ApiResponse({ status: 503, description: 'Not ready (a dependency is down) or draining: what is down', schema: { $ref: '#/components/schemas/ReadinessResponse' } })
  async ready(@Res({ passthrough: true }) res: Response): Promise<ReadinessResponse> {
    const { db, redis } = await this.dependencies();
    const status = this.shutdown.draining ? 'draining' : db && redis ? 'ready' : 'not-ready';
    res.status(status === 'ready' ? 200 : 503);
    if (status !== 'ready') res.setHeader('Retry-After', '2');
    return { status, db: db ? 'ok' : 'down', redis: this.redisState(redis) };
  }

  private async dependencies() {
    const [db, redis] = await Promise.all([withTimeout(this.db.ping(), 2000, false), withTimeout(this.coordination.ping(), 2000, false)]);
    return { db, redis };
  }

  private redisState(answers: boolean): 'ok' | 'down' | 'in-process' {
    if (this.coordination.mode === 'in-process') return 'in-process';
    return answers ? 'ok' : 'down';
  }
}
