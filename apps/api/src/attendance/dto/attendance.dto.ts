import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { RequiredText } from '../../common/decorators';

export class HeadcountDto {
  @ApiProperty({ minimum: 0, maximum: 100000, example: 35 })
  @IsInt({ message: 'present must be a whole number' })
  @Min(0)
  @Max(100_000)
  present!: number;
}

export class DelegateCheckInDto {
  @RequiredText(64, 'DB-000001')
  delegateCode!: string;
}

export class RosterQueryDto {
  @ApiPropertyOptional({ description: 'Name or code, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;
}
