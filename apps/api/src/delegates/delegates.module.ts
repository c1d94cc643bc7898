import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DelegateSessionsController } from './delegate-sessions.controller';
import { DelegateSessionsService } from './delegate-sessions.service';
import { DelegatesController } from './delegates.controller';
import { DelegatesService } from './delegates.service';
import { Delegate } from './entities/delegate.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Delegate])],
  controllers: [DelegatesController, DelegateSessionsController],
  providers: [DelegatesService, DelegateSessionsService],
  exports: [DelegatesService],
})
export class DelegatesModule {}
