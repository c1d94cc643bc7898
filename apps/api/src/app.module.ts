import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AnnouncementsModule } from './announcements/announcements.module';
import { AttendanceModule } from './attendance/attendance.module';
import { LiveModule, LiveNotifierModule } from './live/live.module';
import { ExportsModule } from './exports/exports.module';
import { QuestionsModule } from './questions/questions.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { BridgePointsModule } from './bridge-points/bridge-points.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CoordinationModule } from './coordination/coordination.module';
import { ConferencesModule } from './conferences/conferences.module';
import { DatabaseModule } from './database/database.module';
import { DelegatesModule } from './delegates/delegates.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { FileRetentionModule } from './jobs/file-retention.processor';
import { JobsModule } from './jobs/jobs.module';
import { LinksModule } from './links/links.module';
import { MediaModule } from './media/media.module';
import { MetricsModule } from './metrics/metrics.module';
import { bullConnection } from './redis/redis';
import { RecordingModule } from './recording/recording.module';
import { RehearsalModule } from './rehearsal/rehearsal.module';
import { UnitsModule } from './units/units.module';

@Module({})
export class AppModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule,
        CoordinationModule.register(config),
        ...(config.coordination === 'redis' ? [BullModule.forRoot({ connection: bullConnection(config), prefix: config.redisPrefix })] : []),
        JobsModule.register(config.coordination),
        AuditModule,
        AuthModule,
        UnitsModule,
        BridgePointsModule,
        ConferencesModule,
        DelegatesModule,
        ImportsModule.register({ runJobs: config.roles.has('jobs') }),
        LiveNotifierModule,
        AttendanceModule,
        QuestionsModule,
        RehearsalModule,
        LiveModule.register({ realtime: config.roles.has('realtime'), runJobs: config.roles.has('jobs') }),
        ExportsModule.register({ runJobs: config.roles.has('jobs') }),
        FileRetentionModule.register({ runJobs: config.roles.has('jobs') }),
        LinksModule.register({ runJobs: config.roles.has('jobs') }),
        AnnouncementsModule.register({ realtime: config.roles.has('realtime') }),
        ...(config.roles.has('media') ? [MediaModule] : []),
        RecordingModule.register({ media: config.roles.has('media') }),
        HealthModule,
        MetricsModule,
      ],
    };
  }
}
