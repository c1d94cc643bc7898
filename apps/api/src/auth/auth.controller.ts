import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeResponse, Principal } from '@bridgepoint/contracts';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { CreateUserDto, LoginDto } from './dto/auth.dto';
import { CurrentPrincipal, Public, Roles } from './principal';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  login(@Body() body: LoginDto): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password);
  }

  @ApiBearerAuth()
  @Get('auth/me')
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    if (principal.kind !== 'user') throw DomainError.forbidden('This is a point operator token.');
    return this.auth.me(principal.userId);
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Get('users')
  list(): Promise<MeResponse[]> {
    return this.auth.list();
  }

  @ApiBearerAuth()
  @Roles('admin')
  @Post('users')
  create(@Body() body: CreateUserDto): Promise<MeResponse> {
    return this.auth.create(body);
  }
}
