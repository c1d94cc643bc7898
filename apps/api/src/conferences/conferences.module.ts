import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConferencePointsService } from './conference-points.service';
import { ConferencesController, PointSessionsController } from './conferences.controller';
import { ConferencesService } from './conferences.service';
import { AgendaItem } from './entities/agenda-item.entity';
import { ConferencePoint } from './entities/conference-point.entity';
import { Conference } from './entities/conference.entity';

@Module({
  imports: [TypeOrmModule.forFeature([Conference, AgendaItem, ConferencePoint])],
  controllers: [ConferencesController, PointSessionsController],
  providers: [ConferencesService, ConferencePointsService],
  exports: [ConferencesService, ConferencePointsService],
})
export class ConferencesModule {}
