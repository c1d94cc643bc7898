import { Global, Module } from '@nestjs/common';
import { RehearsalController } from './rehearsal.controller';
import { RehearsalEvents } from './rehearsal-events';
import { RehearsalService } from './rehearsal.service';

/** Points confirming the rehearsal's picture and sound; the `/live` gateway relays each answer to the control room. */
@Global()
@Module({
  controllers: [RehearsalController],
  providers: [RehearsalService, RehearsalEvents],
  exports: [RehearsalEvents],
})
export class RehearsalModule {}
