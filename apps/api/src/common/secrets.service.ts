import { createSecretKey, KeyObject, randomBytes } from 'node:crypto';
import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/**
 * Keys the platform needs: from the environment when given, otherwise generated once and kept
 * in the database, so every api process of a deployment agrees and restarts keep tokens valid.
 */
@Injectable()
export class SecretsService implements OnModuleInit {
  private cache = new Map<string, string>();

  /** Loaded once at boot, so no request ever waits on (or, inside a transaction, for) this look-up. */
  async onModuleInit() {
    await Promise.all([this.jwtKey(), this.joinCodeKey(), this.roomCodeKey()]);
  }

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig, private readonly dataSource: DataSource) {}

  async jwtSecret(): Promise<string> {
    return this.config.jwtSecret ?? this.stored('jwt_secret');
  }

  /**
   * The signing key as a KeyObject: given a string, jsonwebtoken first tries it as a public key (a
   * thrown exception and a PEM parse on every request) before treating it as an HMAC secret.
   */
  private jwtKeyObject: KeyObject | null = null;
  async jwtKey(): Promise<KeyObject> {
    this.jwtKeyObject ??= createSecretKey(Buffer.from(await this.jwtSecret(), 'utf8'));
    return this.jwtKeyObject;
  }

  /** 32-byte key sealing join codes so organizers can read them back. */
  async joinCodeKey(): Promise<Buffer> {
    return Buffer.from(await this.stored('join_code_key'), 'base64');
  }

  /** 32-byte key of the MACs in room codes (and the references to delegates found by name). */
  async roomCodeKey(): Promise<Buffer> {
    return Buffer.from(await this.stored('room_code_key'), 'base64');
  }

  private async stored(key: string): Promise<string> {
    const hit = this.cache.get(key);
    if (hit) return hit;
    await this.dataSource.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [
      key,
      randomBytes(32).toString('base64'),
    ]);
    const rows: { value: string }[] = await this.dataSource.query('SELECT value FROM settings WHERE key = $1', [key]);
    this.cache.set(key, rows[0].value);
    return rows[0].value;
  }
}
