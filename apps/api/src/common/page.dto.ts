import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

/** `?search=&offset=&limit=` shared by every paged list. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Code or name, with or without diacritics' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  search?: string;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset: number = 0;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 1000 })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1000)
  limit: number = 50;
}

export class UnitPageQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'A district, ward or agency; a district includes its wards' })
  @IsOptional()
  @IsUUID()
  unitId?: string;
}
