import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, LoginResponse, MeResponse } from '@bridgepoint/contracts';
import { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { User } from './entities/user.entity';
import { LoginThrottle } from './login-throttle';
import { PasswordHasher } from './password';
import { passwordProblems } from './password-policy';
import { PrincipalStates } from './principal-states';
import { TokenService } from './token.service';

export const weakPassword = (problems: string[]) =>
  DomainError.badRequest(ErrorCode.PasswordTooWeak, `Choose a stronger password: ${problems.join('; ')}.`, { problems });

/** Signing in and out, and one's own account. */
@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly states: PrincipalStates,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The bootstrap admin from ADMIN_USERNAME / ADMIN_PASSWORD: created once, password and role kept in sync with the env. */
  async onApplicationBootstrap() {
    const { adminUsername, adminPassword } = this.config;
    const existing = await this.users.findOneBy({ username: adminUsername });
    if (!existing) {
      await this.users
        .createQueryBuilder()
        .insert()
        .values({ username: adminUsername, displayName: 'Administrator', role: 'admin', passwordHash: await this.hasher.hash(adminPassword) })
        .orIgnore()
        .execute();
      this.logger.log(`Created the bootstrap admin "${adminUsername}"`);
      return;
    }
    const samePassword = await this.hasher.verify(adminPassword, existing.passwordHash);
    if (!samePassword || this.hasher.needsRehash(existing.passwordHash) || existing.role !== 'admin' || existing.disabledAt) {
      await this.users.update(existing.id, {
        passwordHash: await this.hasher.hash(adminPassword),
        role: 'admin',
        disabledAt: null,
        // A new password ends the sessions opened with the old one.
        ...(samePassword ? {} : { tokenVersion: existing.tokenVersion + 1 }),
      });
      if (!samePassword) this.logger.log(`Updated the password of "${adminUsername}" from ADMIN_PASSWORD`);
    }
  }

  async login(username: string, password: string, ip: string): Promise<LoginResponse> {
    await this.throttle.check(username, ip);
    const user = await this.users.findOneBy({ username });
    const ok = await this.hasher.verify(password, user?.passwordHash ?? (await this.hasher.dummyHash()));
    if (!user || !ok) {
      await this.throttle.failed(username, ip);
      throw new DomainError(ErrorCode.InvalidCredentials, 'Wrong username or password.', 401);
    }
    if (user.disabledAt) throw new DomainError(ErrorCode.AccountDisabled, 'This account has been disabled. Ask an administrator.', 403);
    await this.throttle.succeeded(username, ip);
    if (this.hasher.needsRehash(user.passwordHash)) {
      await this.users.update(user.id, { passwordHash: await this.hasher.hash(password) });
    }
    return { accessToken: await this.tokens.signUser(user) };
  }

  /** Ends every session of this user (tokens carry a version; this bumps it). */
  async logout(userId: string): Promise<void> {
    await this.users.increment({ id: userId }, 'tokenVersion', 1);
    await this.states.revoke({ kind: 'user', userId, reason: 'signed out' });
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw DomainError.unauthenticated('This account no longer exists.');
    return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role };
  }

  /** A new password for oneself: other sessions end; this one gets a fresh token. */
  async changePassword(userId: string, current: string, next: string): Promise<LoginResponse> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw DomainError.unauthenticated('This account no longer exists.');
    if (user.username === this.config.adminUsername) {
      throw DomainError.conflict(ErrorCode.AccountManagedByConfig, 'The bootstrap admin\'s password comes from ADMIN_PASSWORD: change it there.');
    }
    if (!(await this.hasher.verify(current, user.passwordHash))) {
      throw new DomainError(ErrorCode.InvalidCredentials, 'The current password is wrong.', 400);
    }
    const problems = passwordProblems(next, user.username);
    if (problems.length > 0) throw weakPassword(problems);
    const tokenVersion = user.tokenVersion + 1;
    await this.users.update(user.id, { passwordHash: await this.hasher.hash(next), tokenVersion });
    await this.states.revoke({ kind: 'user', userId, reason: 'password changed' });
    await this.audit.record({ action: 'user.password.change', targetType: 'user', targetId: user.id });
    return { accessToken: await this.tokens.signUser({ id: user.id, tokenVersion }) };
  }
}
