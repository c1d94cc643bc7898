import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONFERENCE_TRANSITIONS, ConferenceStatus } from '@bridgepoint/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { OmittableNotNull, OptionalText, RequiredText } from '../../common/decorators';

export class AgendaItemInputDto {
  @RequiredText(500, 'Khai mạc hội nghị')
  title!: string;

  @OptionalText(255, 'Chủ tịch UBND Thành phố')
  speaker?: string | null;

  @ApiPropertyOptional({ example: '2026-12-01T01:00:00.000Z', nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'plannedStart must be an ISO 8601 date-time' })
  plannedStart?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1440, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1440)
  durationMinutes?: number | null;
}

export class CreateConferenceDto {
  @RequiredText(255, 'Hội nghị trực tuyến toàn thành phố')
  title!: string;

  @ApiProperty({ example: '2026-12-01T01:00:00.000Z' })
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt!: string;

  @ApiPropertyOptional({ example: '2026-12-01T04:30:00.000Z' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt?: string;

  @OptionalText(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: [AgendaItemInputDto] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInputDto)
  agenda?: AgendaItemInputDto[];
}

const STATUSES = Object.keys(CONFERENCE_TRANSITIONS) as ConferenceStatus[];

export class UpdateConferenceDto {
  @OmittableNotNull()
  @RequiredText(255)
  title?: string;

  @ApiPropertyOptional()
  @OmittableNotNull()
  @IsISO8601({ strict: true }, { message: 'startsAt must be an ISO 8601 date-time' })
  startsAt?: string;

  @ApiPropertyOptional({ nullable: true })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'endsAt must be an ISO 8601 date-time' })
  endsAt?: string | null;

  @OptionalText(5000)
  description?: string | null;

  @ApiPropertyOptional({ enum: STATUSES })
  @OmittableNotNull()
  @IsIn(STATUSES)
  status?: ConferenceStatus;

  @ApiPropertyOptional({ description: 'Let a point check in delegates registered to another point' })
  @OmittableNotNull()
  @IsBoolean()
  allowCrossPointCheckIn?: boolean;
}

export class ReplaceAgendaDto {
  @ApiProperty({ type: [AgendaItemInputDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => AgendaItemInputDto)
  items!: AgendaItemInputDto[];
}

export class ConferencePointsQueryDto {
  @ApiPropertyOptional({ description: 'Code or name, with or without diacritics' })
  @IsOptional()
  @IsString()
  search?: string;

  @ApiPropertyOptional({ description: 'A district, ward or agency; a district includes its wards' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}

export class AddPointsDto {
  @ApiProperty({ type: [String], description: 'Point codes to add to the conference' })
  @IsArray()
  @ArrayMaxSize(20000)
  @IsString({ each: true })
  codes!: string[];
}

export class PointSessionDto {
  @ApiProperty({ example: '7KQF2M9XHPT4R' })
  @IsString()
  @MaxLength(64)
  joinCode!: string;
}
