import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, MeResponse, Principal } from '@bridgepoint/contracts';
import { AuditService } from '../audit/audit.service';
import { DomainError } from '../common/domain-error';
import { AuthService } from './auth.service';
import { ChangePasswordDto, LoginDto } from './dto/auth.dto';
import { CurrentPrincipal, Public } from './principal';

const asUser = (p: Principal): Principal & { kind: 'user' } => {
  if (p.kind !== 'user') throw DomainError.forbidden('This is a point operator token.');
  return p;
};

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly audit: AuditService,
  ) {}

  /** Failed attempts slow further ones down (429 + Retry-After); see README, "Accounts and access". */
  @Public()
  @Post('login')
  @HttpCode(200)
  login(@Body() body: LoginDto, @Ip() ip: string): Promise<LoginResponse> {
    return this.auth.login(body.username, body.password, ip);
  }

  /** Ends every session of the signed-in user, on every device. */
  @ApiBearerAuth()
  @Post('logout')
  @HttpCode(204)
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    const user = asUser(principal);
    await this.auth.logout(user.userId);
    await this.audit.record({ action: 'auth.logout', targetType: 'user', targetId: user.userId });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentPrincipal() principal: Principal): Promise<MeResponse> {
    return this.auth.me(asUser(principal).userId);
  }

  /** A new password for oneself; the answer carries a fresh token (other sessions end). */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(200)
  password(@Body() body: ChangePasswordDto, @CurrentPrincipal() principal: Principal): Promise<LoginResponse> {
    return this.auth.changePassword(asUser(principal).userId, body.currentPassword, body.newPassword);
  }
}
