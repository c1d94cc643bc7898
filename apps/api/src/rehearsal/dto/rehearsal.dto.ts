import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REHEARSAL_PROBLEMS, type RehearsalProblem } from '@bridgepoint/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';

export class RehearsalReportDto {
  @ApiProperty({ description: 'Picture and sound of the test broadcast arrived.' })
  @IsBoolean({ message: 'received must be true or false' })
  received!: boolean;

  @ApiPropertyOptional({ enum: REHEARSAL_PROBLEMS, description: 'What did not arrive; required when received is false.' })
  @ValidateIf((o: RehearsalReportDto) => o.received === false || o.problem !== undefined)
  @IsIn(REHEARSAL_PROBLEMS as RehearsalProblem[], { message: `problem must be one of: ${REHEARSAL_PROBLEMS.join(', ')} (required when received is false)` })
  problem?: RehearsalProblem;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}
