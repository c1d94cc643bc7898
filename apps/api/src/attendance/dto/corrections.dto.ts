import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsUUID,
  Validate,
  ValidateIf,
  ValidationArguments,
  ValidatorConstraint,
  ValidatorConstraintInterface,
} from 'class-validator';
import { RequiredText } from '../../common/decorators';

export class UnmarkDto {
  @RequiredText(500, 'Đánh dấu nhầm: đại biểu vắng mặt')
  reason!: string;
}

/** A delegate is present or not (a boolean); a headcount is a whole number from 0 to 100,000. */
@ValidatorConstraint({ name: 'presentForKind' })
class PresentForKind implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments) {
    const kind = (args.object as CorrectionDto).kind;
    if (kind === 'delegate') return typeof value === 'boolean';
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 100_000;
  }
  defaultMessage(args: ValidationArguments) {
    return (args.object as CorrectionDto).kind === 'delegate'
      ? 'present must be true or false for a delegate'
      : 'present must be a whole number from 0 to 100000 for a headcount';
  }
}

const KINDS = ['delegate', 'headcount', 'point_status'] as const;

/** One correction: which entry (a delegate by code, or a point), its new value, and why. */
export class CorrectionDto {
  @ApiProperty({ enum: KINDS })
  @IsIn(KINDS)
  kind!: (typeof KINDS)[number];

  @ApiPropertyOptional({ description: 'kind "delegate": the delegate code' })
  @ValidateIf((o: CorrectionDto) => o.kind === 'delegate')
  @RequiredText(64, 'DB-000001')
  delegateCode?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'kind "headcount" or "point_status": the point' })
  @ValidateIf((o: CorrectionDto) => o.kind !== 'delegate')
  @IsUUID()
  pointId?: string;

  @ApiPropertyOptional({ description: 'kind "delegate": present (true) or absent (false); kind "headcount": the number present' })
  @ValidateIf((o: CorrectionDto) => o.kind !== 'point_status')
  @Validate(PresentForKind)
  present?: boolean | number;

  @ApiPropertyOptional({ description: 'kind "point_status": whether the point took part (checked in)' })
  @ValidateIf((o: CorrectionDto) => o.kind === 'point_status')
  @IsBoolean()
  checkedIn?: boolean;

  @RequiredText(500, 'Điểm cầu báo lại số người có mặt')
  reason!: string;
}
