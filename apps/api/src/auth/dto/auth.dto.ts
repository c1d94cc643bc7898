import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, UserRole } from '@bridgepoint/contracts';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { RequiredText } from '../../common/decorators';

export class LoginDto {
  @RequiredText(64, 'admin')
  username!: string;

  @ApiProperty({ example: 'bridgepoint' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password!: string;
}

export class CreateUserDto {
  @RequiredText(64, 'moderator1')
  @Matches(/^[A-Za-z0-9_.@-]{3,64}$/, { message: 'username must be 3-64 letters, digits or "_.@-"' })
  username!: string;

  @RequiredText(255, 'Nguyễn Thị Lan')
  displayName!: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role!: UserRole;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password!: string;
}
