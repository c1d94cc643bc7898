import { Module } from '@nestjs/common';
import { LiveAgendaController } from './live-agenda.controller';
import { LiveAgendaService } from './live-agenda.service';
import { ModerationService } from './moderation.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { SpeakController } from './speak.controller';
import { SpeakService } from './speak.service';

@Module({
  controllers: [QuestionsController, SpeakController, LiveAgendaController],
  providers: [QuestionsService, SpeakService, ModerationService, LiveAgendaService],
  exports: [QuestionsService, SpeakService, ModerationService, LiveAgendaService],
})
export class QuestionsModule {}
