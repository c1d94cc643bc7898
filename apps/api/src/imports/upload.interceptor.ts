import { CallHandler, ExecutionContext, Inject, Injectable, NestInterceptor, PayloadTooLargeException, Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ErrorCode } from '@bridgepoint/contracts';
import type { Observable } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { APP_CONFIG, type AppConfig } from '../config/app-config';

/**
 * Receives the multipart field `file` in memory, up to IMPORT_MAX_BYTES: a larger upload is cut off
 * while it streams in and refused with IMPORT_FILE_TOO_LARGE (413).
 */
@Injectable()
export class ImportUploadInterceptor implements NestInterceptor {
  private readonly inner: NestInterceptor;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    const Multer = FileInterceptor('file', { limits: { fileSize: config.imports.maxBytes, files: 1 } }) as Type<NestInterceptor>;
    this.inner = new Multer();
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    try {
      return await this.inner.intercept(context, next);
    } catch (e) {
      if (e instanceof PayloadTooLargeException) {
        const mb = Math.round((this.config.imports.maxBytes / 1024 / 1024) * 10) / 10;
        throw new DomainError(ErrorCode.ImportFileTooLarge, `The file is larger than ${mb} MB. Split the list into several files.`, 413, {
          maxBytes: this.config.imports.maxBytes,
        });
      }
      throw e;
    }
  }
}
