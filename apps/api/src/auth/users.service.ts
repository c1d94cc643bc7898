import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, UserDto, UserRole } from '@bridgepoint/contracts';
import { DataSource, Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { weakPassword } from './auth.service';
import { User } from './entities/user.entity';
import { PasswordHasher } from './password';
import { passwordProblems } from './password-policy';
import { PrincipalStates } from './principal-states';

/** The admin's page: accounts, their roles, disabling, password resets. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly dataSource: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly states: PrincipalStates,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(): Promise<UserDto[]> {
    return (await this.users.find({ order: { username: 'ASC' } })).map((u) => this.toDto(u));
  }

  async create(input: { username: string; displayName: string; role: UserRole; password: string }): Promise<UserDto> {
    const problems = passwordProblems(input.password, input.username);
    if (problems.length > 0) throw weakPassword(problems);
    if (await this.users.existsBy({ username: input.username })) {
      throw DomainError.conflict(ErrorCode.UserExists, `The username "${input.username}" is taken.`);
    }
    const user = await this.users.save(this.users.create({ ...input, passwordHash: await this.hasher.hash(input.password) }));
    const dto = this.toDto(user);
    await this.audit.record({ action: 'user.create', targetType: 'user', targetId: user.id, after: dto });
    return dto;
  }

  /** Role changes and disabling end the user's sessions at once; so does a password reset. */
  async update(id: string, input: { displayName?: string; role?: UserRole; disabled?: boolean }): Promise<UserDto> {
    const { before, after } = await this.dataSource.transaction(async (m) => {
      const user = await m.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw this.notFound();
      const before = this.toDto(user);
      const demoted = input.role !== undefined && input.role !== user.role;
      const disabling = input.disabled === true && user.disabledAt === null;
      if ((demoted || disabling) && user.username === this.config.adminUsername) {
        throw DomainError.conflict(ErrorCode.AccountManagedByConfig, 'The bootstrap admin comes from ADMIN_USERNAME: it stays an enabled admin.');
      }
      if (user.role === 'admin' && (demoted || disabling)) {
        const [{ n }]: { n: number }[] = await m.query(
          "SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id <> $1",
          [id],
        );
        if (n === 0) throw DomainError.conflict(ErrorCode.LastAdmin, 'This is the last active admin: make another admin first.');
      }
      if (input.displayName) user.displayName = input.displayName;
      if (input.role !== undefined) user.role = input.role;
      if (input.disabled !== undefined) user.disabledAt = input.disabled ? (user.disabledAt ?? new Date()) : null;
      if (demoted || disabling) user.tokenVersion += 1;
      await m.save(user);
      return { before, after: this.toDto(user) };
    });
    if (before.role !== after.role || (before.disabledAt === null && after.disabledAt !== null)) {
      await this.states.revoke({ kind: 'user', userId: id, reason: after.disabledAt ? 'account disabled' : 'role changed' });
    }
    await this.audit.record({ action: 'user.update', targetType: 'user', targetId: id, before, after });
    return after;
  }

  async resetPassword(id: string, password: string): Promise<void> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw this.notFound();
    if (user.username === this.config.adminUsername) {
      throw DomainError.conflict(ErrorCode.AccountManagedByConfig, 'The bootstrap admin\'s password comes from ADMIN_PASSWORD: change it there.');
    }
    const problems = passwordProblems(password, user.username);
    if (problems.length > 0) throw weakPassword(problems);
    await this.users.update(id, { passwordHash: await this.hasher.hash(password), tokenVersion: user.tokenVersion + 1 });
    await this.states.revoke({ kind: 'user', userId: id, reason: 'password reset' });
    await this.audit.record({ action: 'user.password.reset', targetType: 'user', targetId: id });
  }

  private notFound() {
    return DomainError.notFound(ErrorCode.UserNotFound, 'No user with this id.');
  }

  private toDto(u: User): UserDto {
    return {
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      role: u.role,
      disabledAt: u.disabledAt?.toISOString() ?? null,
      createdAt: u.createdAt.toISOString(),
      bootstrap: u.username === this.config.adminUsername,
    };
  }
}
