import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ErrorCode, LoginResponse, MeResponse, UserRole } from '@bridgepoint/contracts';
import { Repository } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError } from '../common/domain-error';
import { User } from './entities/user.entity';
import { hashPassword, verifyPassword } from './password';
import { TokenService } from './token.service';

/** A hash to compare against when the user does not exist, so both paths take the same time. */
const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';

@Injectable()
export class AuthService implements OnApplicationBootstrap {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The bootstrap admin from ADMIN_USERNAME / ADMIN_PASSWORD: created once, password kept in sync with the env. */
  async onApplicationBootstrap() {
    const { adminUsername, adminPassword } = this.config;
    const existing = await this.users.findOneBy({ username: adminUsername });
    if (!existing) {
      await this.users
        .createQueryBuilder()
        .insert()
        .values({ username: adminUsername, displayName: 'Administrator', role: 'admin', passwordHash: await hashPassword(adminPassword) })
        .orIgnore()
        .execute();
      this.logger.log(`Created the bootstrap admin "${adminUsername}"`);
    } else if (!(await verifyPassword(adminPassword, existing.passwordHash))) {
      await this.users.update(existing.id, { passwordHash: await hashPassword(adminPassword), role: 'admin' });
      this.logger.log(`Updated the password of "${adminUsername}" from ADMIN_PASSWORD`);
    }
  }

  async login(username: string, password: string): Promise<LoginResponse> {
    const user = await this.users.findOneBy({ username });
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      throw new DomainError(ErrorCode.InvalidCredentials, 'Wrong username or password.', 401);
    }
    return { accessToken: await this.tokens.signUser(user) };
  }

  async me(userId: string): Promise<MeResponse> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw DomainError.unauthenticated('This account no longer exists.');
    return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role };
  }

  async list(): Promise<MeResponse[]> {
    const users = await this.users.find({ order: { username: 'ASC' } });
    return users.map((u) => ({ kind: 'user', id: u.id, username: u.username, displayName: u.displayName, role: u.role }));
  }

  async create(input: { username: string; displayName: string; role: UserRole; password: string }): Promise<MeResponse> {
    if (await this.users.existsBy({ username: input.username })) {
      throw DomainError.conflict(ErrorCode.UserExists, `The username "${input.username}" is taken.`);
    }
    const user = await this.users.save(
      this.users.create({ ...input, passwordHash: await hashPassword(input.password) }),
    );
    return { kind: 'user', id: user.id, username: user.username, displayName: user.displayName, role: user.role };
  }
}
