import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';
import { MediaController } from './media.controller';
import { MediaGateway } from './media.gateway';
import { WeriftEngine } from './werift.engine';

/**
 * The broadcast, in processes with the `media` role: the embedded werift engine, the `/media`
 * gateway and the engine's counts. Global so that health can say which engine runs.
 */
@Global()
@Module({
  imports: [AuthModule],
  controllers: [MediaController],
  providers: [{ provide: MEDIA_ENGINE, useFactory: () => new WeriftEngine(['127.0.0.1']) }, MediaGateway],
  exports: [MEDIA_ENGINE],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(MEDIA_ENGINE) private readonly engine: MediaEngine) {}

  async onApplicationShutdown() {
    await this.engine.close();
  }
}
