import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

const trim = Transform(({ value }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value));

/** C0 control characters other than tab and line breaks, and DEL: never part of a name, a title or a question. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NoControlCharacters = Matches(new RegExp(`^[^${CONTROL_CHARACTERS.source.slice(1, -1)}]*$`), {
  message: ({ property }) => `${property} contains a control character (such as NUL)`,
});

/** A required, trimmed, non-empty string of at most `max` characters, without control characters. */
export function RequiredText(max: number, example?: string) {
  return applyDecorators(ApiProperty({ maxLength: max, example }), trim, IsString(), IsNotEmpty(), MaxLength(max), NoControlCharacters);
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
    NoControlCharacters,
  );
}

/**
 * May be left out, but not sent as null: for fields of a partial update that have no "empty" value
 * (IsOptional would let null through to a NOT NULL column).
 */
export const OmittableNotNull = () => ValidateIf((_object, value) => value !== undefined);
