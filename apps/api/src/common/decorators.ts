import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

/** A required, trimmed, non-empty string of at most `max` characters. */
export function RequiredText(max: number, example?: string) {
  return applyDecorators(ApiProperty({ maxLength: max, example }), trim, IsString(), IsNotEmpty(), MaxLength(max));
}

/** An optional trimmed string; empty means "no value". */
export function OptionalText(max: number, example?: string) {
  return applyDecorators(
    ApiPropertyOptional({ maxLength: max, example, nullable: true }),
    Transform(({ value }) => {
      if (typeof value !== 'string') return value;
      const t = value.normalize('NFC').trim();
      return t === '' ? null : t;
    }),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
}
