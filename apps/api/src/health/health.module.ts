import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AboutController } from './about.controller';
import { HealthController } from './health.controller';
import { ShutdownState } from './shutdown-state';

@Global()
@Module({
  imports: [DiscoveryModule],
  controllers: [HealthController, AboutController],
  providers: [ShutdownState],
  exports: [ShutdownState],
})
export class HealthModule {}
