import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DelegatesController } from './delegates.controller';
import { DelegatesService } from './delegates.service';
import { Delegate } from './entities/delegate.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Delegate])],
  controllers: [DelegatesController],
  providers: [DelegatesService],
  exports: [DelegatesService],
})
export class DelegatesModule {}
