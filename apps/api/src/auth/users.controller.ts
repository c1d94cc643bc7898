import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UserDto } from '@bridgepoint/contracts';
import { CreateUserDto, ResetPasswordDto, UpdateUserDto } from './dto/auth.dto';
import { Roles } from './principal';
import { UsersService } from './users.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/** Accounts: admins only. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  list(): Promise<UserDto[]> {
    return this.users.list();
  }

  @Post()
  create(@Body() body: CreateUserDto): Promise<UserDto> {
    return this.users.create(body);
  }

  /** Display name, role, disabled; a role change or disabling ends the user's sessions at once. */
  @Patch(':userId')
  update(@Param('userId', uuid) userId: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return this.users.update(userId, body);
  }

  @Post(':userId/password')
  @HttpCode(204)
  resetPassword(@Param('userId', uuid) userId: string, @Body() body: ResetPasswordDto): Promise<void> {
    return this.users.resetPassword(userId, body.password);
  }
}
