import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USER_ROLES, UserRole } from '@bridgepoint/contracts';
import { IsBoolean, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OptionalText, RequiredText } from '../../common/decorators';

const USERNAME = /^[A-Za-z0-9_.@-]{3,64}$/;

/** A password field: its strength is judged by the service (PASSWORD_TOO_WEAK lists what to change). */
function Password(description: string) {
  return applyDecorators(
    ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description }),
    IsString(),
    MinLength(1),
    MaxLength(PASSWORD_MAX_LENGTH),
  );
}

export class LoginDto {
  @RequiredText(64, 'admin')
  username!: string;

  @ApiProperty({ example: 'bridgepoint' })
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;
}

export class CreateUserDto {
  @RequiredText(64, 'moderator1')
  @Matches(USERNAME, { message: 'username must be 3-64 letters, digits or "_.@-"' })
  username!: string;

  @RequiredText(255, 'Nguyễn Thị Lan')
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @Password(`At least ${PASSWORD_MIN_LENGTH} characters; not a common password; not containing the username`)
  password!: string;
}

export class UpdateUserDto {
  @OptionalText(255, 'Nguyễn Thị Lan')
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ description: 'true: the user can no longer sign in and every session ends' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ResetPasswordDto {
  @Password('The new password (the user\'s sessions end)')
  password!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword!: string;

  @Password('The new password (other sessions end)')
  newPassword!: string;
}

export class AddStaffDto {
  @RequiredText(64, 'moderator1')
  @Matches(USERNAME, { message: 'username must be 3-64 letters, digits or "_.@-"' })
  username!: string;
}
