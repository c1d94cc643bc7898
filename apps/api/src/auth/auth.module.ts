import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RateLimiter } from '../common/rate-limit';
import { SecretsService } from '../common/secrets.service';
import { AuthController } from './auth.controller';
import { AuthGuard } from './auth.guard';
import { AuthService } from './auth.service';
import { ConferenceAccess } from './conference-access';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password';
import { PrincipalStates } from './principal-states';
import { SocketSessions } from './socket-sessions';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';
import { TokenService } from './token.service';
import { UsersController } from './users.controller';
import { UsersService } from './users.service';

@Global()
@Module({
  imports: [TypeOrmModule.forFeature([User])],
  controllers: [AuthController, UsersController, StaffController],
  providers: [
    AuthService,
    UsersService,
    StaffService,
    TokenService,
    PrincipalStates,
    ConferenceAccess,
    SocketSessions,
    PasswordHasher,
    LoginThrottle,
    SecretsService,
    RateLimiter,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [TokenService, SecretsService, RateLimiter, PrincipalStates, ConferenceAccess, SocketSessions, StaffService],
})
export class AuthModule {}
