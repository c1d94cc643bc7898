import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { QUESTION_MAX_LENGTH, QuestionStatus } from '@bridgepoint/contracts';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsUUID, Min } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/decorators';

const STATUSES: QuestionStatus[] = ['pending', 'approved', 'answered', 'rejected', 'withdrawn', 'merged'];

export class CreateQuestionDto {
  @RequiredText(QUESTION_MAX_LENGTH, 'Đề nghị làm rõ lộ trình triển khai tại cấp phường?')
  text!: string;

  @OptionalText(255, 'Nguyễn Văn An')
  askedBy?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  agendaItemId?: string;
}

export class ModerateQuestionDto {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: QuestionStatus;

  @ApiPropertyOptional({ maxLength: QUESTION_MAX_LENGTH })
  @IsOptional()
  @RequiredText(QUESTION_MAX_LENGTH)
  text?: string;

  @OptionalText(500, 'Trùng nội dung đã trả lời')
  rejectReason?: string;

  @ApiPropertyOptional({ description: 'With status "merged": the question this one duplicates' })
  @IsOptional()
  @IsUUID()
  mergeInto?: string;

  @ApiPropertyOptional({ description: 'The version the moderator saw; a stale one is refused' })
  @IsOptional()
  @IsInt()
  @Min(1)
  version?: number;
}

export class ReorderQuestionsDto {
  @ApiProperty({ type: [String] })
  @IsArray()
  @ArrayMaxSize(5000)
  @IsUUID('4', { each: true })
  order!: string[];
}

export class CurrentQuestionDto {
  @ApiProperty({ nullable: true })
  @IsOptional()
  @IsUUID()
  questionId!: string | null;
}

export class QuestionsQueryDto {
  @ApiPropertyOptional({ description: 'Comma-separated statuses' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((s: string) => s.trim()).filter(Boolean) : value))
  @IsArray()
  @IsIn(STATUSES, { each: true })
  status?: QuestionStatus[];
}

export class SpeakRequestCreateDto {
  @OptionalText(300, 'Kiến nghị về hạ tầng')
  topic?: string | null;
}

export class GrantFloorDto {
  @ApiProperty()
  @IsUUID()
  pointId!: string;
}

