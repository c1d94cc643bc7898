import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { QuestionsModule } from '../questions/questions.module';
import { MEDIA_ENGINE, type MediaEngine } from './media-engine';
import { createMediaEngine } from './media-engine.factory';
import { MediaLinksService } from './media-links.service';
import { MediaController } from './media.controller';
import { MediaGateway } from './media.gateway';
import { MediaMonitor } from './media-monitor';
import { UplinkBoard } from './uplink-board';

/**
 * The media, in processes with the `media` role: the engine (mediasoup when a worker is found, werift
 * otherwise), the `/media` gateway, the engine's counts and the points' link reports. Global so that
 * health can say which engine runs.
 */
@Global()
@Module({
  imports: [AuthModule, QuestionsModule],
  controllers: [MediaController],
  providers: [
    { provide: MEDIA_ENGINE, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createMediaEngine(config.media) },
    MediaLinksService,
    UplinkBoard,
    MediaMonitor,
    MediaGateway,
  ],
  exports: [MEDIA_ENGINE],
})
export class MediaModule implements OnApplicationShutdown {
  constructor(@Inject(MEDIA_ENGINE) private readonly engine: MediaEngine) {}

  async onApplicationShutdown() {
    await this.engine.close();
  }
}
