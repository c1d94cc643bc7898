import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsNumber, IsObject, IsOptional, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { PREFLIGHT_RESULTS, READINESS_DETAIL_MAX_LENGTH, type PreflightMeasurements, type PreflightResult, type ReadinessReport } from '@bridgepoint/contracts';
import { OptionalText } from '../common/decorators';

const finite = { allowNaN: false, allowInfinity: false };
/** Far above any link a point has: a larger number is a broken measurement. */
const MAX_KBPS = 1_000_000;
const MAX_RTT_MS = 60_000;

export class PreflightMeasurementsDto implements PreflightMeasurements {
  @ApiProperty({ minimum: 0, maximum: MAX_KBPS, example: 280 })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_KBPS)
  sendKbps!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_KBPS, example: 270 })
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_KBPS)
  receiveKbps!: number;

  @ApiProperty({ minimum: 0, maximum: 100, example: 0.4 })
  @IsNumber(finite)
  @Min(0)
  @Max(100)
  lossPercent!: number;

  @ApiProperty({ minimum: 0, maximum: MAX_RTT_MS, nullable: true, example: 35 })
  @ValidateIf((_o, v) => v !== null)
  @IsNumber(finite)
  @Min(0)
  @Max(MAX_RTT_MS)
  rttMs!: number | null;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, nullable: true, example: 0.42 })
  @IsOptional()
  @IsNumber(finite)
  @Min(0)
  @Max(1)
  audioLevel?: number | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  camera?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  microphone?: boolean;
}

export class ReadinessReportDto implements ReadinessReport {
  @ApiProperty({ enum: PREFLIGHT_RESULTS })
  @IsIn(PREFLIGHT_RESULTS as PreflightResult[], { message: 'result must be "ready" or "failed"' })
  result!: PreflightResult;

  @OptionalText(READINESS_DETAIL_MAX_LENGTH, 'Không nhận lại được hình và tiếng từ máy chủ.')
  detail?: string | null;

  @ApiProperty({ type: PreflightMeasurementsDto })
  @IsObject()
  @ValidateNested()
  @Type(() => PreflightMeasurementsDto)
  measurements!: PreflightMeasurementsDto;
}
