import { Module } from '@nestjs/common';
import { ModerationService } from './moderation.service';
import { QuestionsController } from './questions.controller';
import { QuestionsService } from './questions.service';
import { SpeakController } from './speak.controller';
import { SpeakService } from './speak.service';

@Module({
  controllers: [QuestionsController, SpeakController],
  providers: [QuestionsService, SpeakService, ModerationService],
  exports: [QuestionsService, SpeakService, ModerationService],
})
export class QuestionsModule {}
