import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { RequiredText } from '../../common/decorators';

const ROOM_CODE = /^[A-Za-z0-9_-]{1,80}$/;

export class DelegateSessionDto {
  @ApiProperty({ description: 'The code of the room\'s check-in screen (its QR code)', maxLength: 80 })
  @IsString()
  @Matches(ROOM_CODE, { message: 'roomCode is not a room code' })
  roomCode!: string;

  @ApiPropertyOptional({ description: 'The code on the delegate\'s invitation', maxLength: 64, example: 'DB-00123' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[A-Za-z0-9_./ -]*$/, { message: 'delegateCode may hold letters, digits and - _ . / only' })
  delegateCode?: string;

  @ApiPropertyOptional({ description: 'A delegate found by name in the room\'s roster', maxLength: 64 })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  ref?: string;

  @ApiPropertyOptional({ description: 'Year of birth, or the last four digits of the phone, when asked for', maxLength: 8 })
  @IsOptional()
  @IsString()
  @MaxLength(8)
  confirmation?: string;

  @ApiPropertyOptional({ description: 'A random id the phone keeps (the same phone opening again gets its session back)', maxLength: 64 })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{8,64}$/, { message: 'deviceId must be 8-64 letters, digits, "-" or "_"' })
  deviceId?: string;
}

export class RosterQueryDto {
  @RequiredText(100, 'nguyen van')
  search!: string;
}

export class RoomCodeParamDto {
  @ApiProperty({ maxLength: 80 })
  @IsString()
  @Matches(ROOM_CODE, { message: 'roomCode is not a room code' })
  roomCode!: string;
}
