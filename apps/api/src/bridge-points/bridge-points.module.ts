import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UnitsModule } from '../units/units.module';
import { BridgePointsController } from './bridge-points.controller';
import { BridgePointsService } from './bridge-points.service';
import { BridgePoint } from './entities/bridge-point.entity';

@Module({
  imports: [TypeOrmModule.forFeature([BridgePoint]), UnitsModule],
  controllers: [BridgePointsController],
  providers: [BridgePointsService],
  exports: [BridgePointsService],
})
export class BridgePointsModule {}
