import { Global, Module } from '@nestjs/common';
import { RehearsalController } from './rehearsal.controller';
import { RehearsalRelay } from './rehearsal-relay';
import { RehearsalService } from './rehearsal.service';

/** Points confirming the rehearsal's picture and sound; each answer is relayed to the control room's `/live` sockets. */
@Global()
@Module({
  controllers: [RehearsalController],
  providers: [RehearsalService, RehearsalRelay],
  exports: [RehearsalRelay],
})
export class RehearsalModule {}
