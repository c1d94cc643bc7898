import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ErrorCode, type ImportKind } from '@bridgepoint/contracts';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { TabularError, type TableLimits, type TabularErrorCode, type TabularFormat } from '../tabular';
import type { Analysis, ParseRequest } from './analyze';
import type { ParseReply } from './parse.worker';

/**
 * From sources (tests, ts runners) the worker compiles its TypeScript with @swc/core, a development
 * dependency; a build runs the compiled parse.worker.js directly.
 */
const FROM_SOURCES = __filename.endsWith('.ts');
const CONTRACTS_SOURCE = join(__dirname, '../../../../../libs/contracts/src/index.ts');
const SOURCE_LOADER = `
const Module = require('node:module');
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');
const { workerData } = require('node:worker_threads');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, request === '@bridgepoint/contracts' ? workerData.contracts : request, ...rest);
};
Module._extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename, jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
require(workerData.entry);
`;

/**
 * Threads kept warm between files (loading the readers costs more than reading most files): one is
 * started with the api and kept; a second, started under load, is kept for a minute.
 */
const IDLE_WORKERS = 2;
const IDLE_MS = 60_000;

/**
 * Reads import files in worker threads with a heap ceiling and a deadline, so a crafted or huge
 * file (zip bomb, a million columns) costs that thread and never the event loop that answers HTTP.
 * A thread reads one file at a time; one that times out, runs out of memory or fails is ended.
 */
@Injectable()
export class ImportParser implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(ImportParser.name);
  private readonly idle: { worker: Worker; timer: NodeJS.Timeout }[] = [];
  private nextId = 1;
  private closed = false;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get limits(): TableLimits {
    const { maxUncompressedBytes, maxRows, maxColumns } = this.config.imports;
    return { maxUncompressedBytes, maxRows, maxColumns };
  }

  /** The whole-file checks an upload gets before its job is queued. */
  check(kind: ImportKind, content: Buffer, filename: string): Promise<{ format: TabularFormat }> {
    return this.run({ mode: 'check', kind, filename, content: new Uint8Array(content), limits: this.limits });
  }

  /** Reads and validates every row. */
  analyze(kind: ImportKind, content: Buffer, filename: string): Promise<Analysis> {
    return this.run({ mode: 'analyze', kind, filename, content: new Uint8Array(content), limits: this.limits });
  }

  onModuleInit() {
    this.release(this.spawn());
  }

  async onModuleDestroy() {
    this.closed = true;
    await Promise.all(this.idle.splice(0).map(({ worker, timer }) => (clearTimeout(timer), worker.terminate())));
  }

  private spawn(): Worker {
    const limits = limitsOf(this.config.imports.parseMemoryMb);
    const entry = join(__dirname, `parse.worker.${FROM_SOURCES ? 'ts' : 'js'}`);
    return FROM_SOURCES
      ? new Worker(SOURCE_LOADER, { eval: true, workerData: { entry, contracts: CONTRACTS_SOURCE }, resourceLimits: limits })
      : new Worker(entry, { resourceLimits: limits });
  }

  private take(): Worker {
    const kept = this.idle.pop();
    if (!kept) return this.spawn();
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }

  private release(worker: Worker): void {
    if (this.closed || this.idle.length >= IDLE_WORKERS) {
      void worker.terminate();
      return;
    }
    worker.unref();
    const entry = {
      worker,
      timer: setTimeout(() => {
        const at = this.idle.indexOf(entry);
        if (at < 0 || this.idle.length <= 1) return;
        this.idle.splice(at, 1);
        void worker.terminate();
      }, IDLE_MS),
    };
    entry.timer.unref();
    this.idle.push(entry);
  }

  private run<T>(req: ParseRequest): Promise<T> {
    const { parseTimeoutMs, parseMemoryMb } = this.config.imports;
    const worker = this.take();
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const finish = (reuse: boolean, fn: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        fn();
        if (reuse) this.release(worker);
        else void worker.terminate();
      };
      const timer = setTimeout(
        () => finish(false, () => reject(tooComplex(`Reading the file took longer than ${Math.round(parseTimeoutMs / 1000)} s.`))),
        parseTimeoutMs,
      );
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id) return;
        finish(true, () => {
          if (reply.ok) resolve(reply.value as T);
          else if ('tabular' in reply) reject(new TabularError(reply.tabular.code as TabularErrorCode, reply.tabular.message, reply.tabular.details));
          else reject(new Error(`Reading the file failed: ${reply.unexpected}`));
        });
      };
      const onError = (e: Error & { code?: string }) =>
        finish(false, () => {
          if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') reject(tooComplex(`Reading the file needed more than ${parseMemoryMb} MB of memory.`));
          else {
            this.logger.error(`Import parser thread failed: ${e.message}`);
            reject(e);
          }
        });
      const onExit = (code: number) => finish(false, () => reject(new Error(`The import parser thread exited (${code}) without an answer.`)));
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage({ id, req }, [req.content.buffer as ArrayBuffer]);
    });
  }
}

function limitsOf(memoryMb: number) {
  return { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, memoryMb >> 4)), stackSizeMb: 4 };
}

function tooComplex(why: string): TabularError {
  return new TabularError(
    ErrorCode.ImportTooComplex,
    `${why} The file was not imported. Save the list alone (one sheet, no pictures) as .xlsx or CSV UTF-8 and upload it again.`,
  );
}
