import { INestApplication, ParseUUIDPipe, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage, IS_UUID } from 'class-validator';
import { ErrorCode } from '@bridgepoint/contracts';
import { routeAccess, type RouteAccess } from '../auth/principal';
import generated from './responses.json';

type Schema = Record<string, unknown>;
type Operation = {
  operationId?: string;
  summary?: string;
  description?: string;
  parameters?: Array<{ name: string; in: string; schema?: Schema }>;
  requestBody?: unknown;
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
  security?: unknown[];
  [key: string]: unknown;
};
interface GeneratedResponses {
  operations: Record<string, { kind: 'json' | 'empty' | 'file'; schema?: Schema; description?: string }>;
  schemas: Record<string, Schema>;
}

const ERROR = { $ref: '#/components/schemas/ErrorBody' };
const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/**
 * The OpenAPI document of the whole api: Nest's scan of the controllers and DTOs, completed with what that
 * scan cannot see — the response body each route declares (from its return type, see
 * scripts/openapi-responses.mjs), who may call it (from the auth guard's metadata), the errors it can
 * answer with, and uuid formats from the validation pipes and DTOs.
 */
export function buildOpenApi(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setOpenAPIVersion('3.1.0')
    .setTitle('Bridgepoint API')
    .setDescription(
      'Multi-site conferences: registry, imports, attendance, moderation, media signalling. Every error is `ErrorBody` ' +
        '(`{statusCode, code, message, details?}`) with a stable `code`. Each operation says who may call it under ' +
        '"Who may call" and in `x-allowed`; admins may call every operation that needs a signed-in user.',
    )
    .setVersion('0.1.0')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  const responses = generated as GeneratedResponses;
  const handlers = handlerIndex(app);
  document.components ??= {};
  document.components.schemas = { ...responses.schemas, ...document.components.schemas, ErrorBody: errorBodySchema() } as never;
  markUuidProperties(document.components.schemas as Record<string, Schema>, handlers);

  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (!op?.operationId) continue;
      const handler = handlers.get(op.operationId);
      const declared = responses.operations[op.operationId];
      const status = handler ? successStatus(handler.controller, handler.method, method) : undefined;
      describeSuccess(op, declared, status);
      if (handler) {
        const access = routeAccess(handler.controller.prototype[handler.method] as object, handler.controller);
        op['x-allowed'] = allowedList(access);
        op.description = [op.description, `**Who may call:** ${allowedList(access).join('; ')}.`].filter(Boolean).join('\n\n');
        if (access.public) op.security = [];
        markUuidParameters(op, handler.controller, handler.method);
        describeErrors(op, method, path, access);
      }
    }
  }
  return document;
}

/** The status a route answers with on success: its @HttpCode, else Nest's default for the method. */
function successStatus(controller: Type, method: string, verb: string): string {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, controller.prototype[method] as object) as number | undefined;
  return String(code ?? (verb === 'post' ? 201 : 200));
}

function describeSuccess(op: Operation, declared: GeneratedResponses['operations'][string] | undefined, known: string | undefined) {
  const status = known ?? Object.keys(op.responses).find((s) => s.startsWith('2')) ?? '200';
  for (const other of Object.keys(op.responses)) if (other.startsWith('2') && other !== status) delete op.responses[other];
  const response = (op.responses[status] ??= { description: '' });
  if (!declared) return;
  if (declared.description) {
    op.summary ??= declared.description.split(/(?<=[.:;])\s|\n/)[0].replace(/[.:;]$/, '');
    op.description = [declared.description, op.description].filter(Boolean).join('\n\n');
  }
  if (declared.kind === 'json') {
    response.description ||= 'Success';
    response.content = { 'application/json': { schema: declared.schema ?? {} } };
  } else if (declared.kind === 'file') {
    response.description ||= 'The file, as an attachment';
    response.content = { 'application/octet-stream': { schema: { type: 'string', contentEncoding: 'binary' } } };
  } else {
    response.description ||= 'Done; no body';
  }
}

function describeErrors(op: Operation, method: string, path: string, access: RouteAccess) {
  const add = (status: number, description: string) => {
    op.responses[String(status)] ??= { description, content: { 'application/json': { schema: ERROR } } };
  };
  if (op.parameters?.length || op.requestBody) add(400, 'The request is malformed (`VALIDATION_FAILED` and similar), with the reason');
  if (access.public) {
    if (method !== 'get') add(401, 'Wrong credentials or code (`INVALID_CREDENTIALS`, `JOIN_CODE_INVALID`, `ROOM_CODE_INVALID`)');
  } else {
    add(401, 'No token, or an expired or revoked one (`UNAUTHENTICATED`)');
    add(403, 'The caller may not do this (`FORBIDDEN`), or is not staff of this conference');
  }
  if (/\{[^}]+\}/.test(path)) add(404, 'What the path names does not exist (`*_NOT_FOUND`)');
  if (op.parameters?.some((p) => p.in === 'header' && p.name.toLowerCase() === 'idempotency-key')) {
    add(422, 'This Idempotency-Key was already used for a different request (`IDEMPOTENCY_KEY_REUSED`)');
  }
  if (JSON.stringify(op.requestBody ?? {}).includes('multipart/form-data')) {
    add(413, 'The file is too large, or holds too many rows or columns (`IMPORT_FILE_TOO_LARGE` and similar)');
  }
  if (method !== 'get') add(409, 'The change conflicts with the current state (e.g. `SPEAK_INVALID_TRANSITION`, `IMPORT_ALREADY_COMMITTED`)');
  add(429, 'Too many requests or failed attempts (`RATE_LIMITED`): wait `Retry-After` seconds');
  add(503, 'A dependency is down or the server is saturated (`SERVICE_BUSY`): retry after `Retry-After`');
}

function errorBodySchema(): Schema {
  return {
    type: 'object',
    description: 'Every error the api answers with.',
    properties: {
      statusCode: { type: 'integer' },
      code: { type: 'string', enum: [...new Set(Object.values(ErrorCode))], description: 'Stable: programs may branch on it.' },
      message: { type: 'string', description: 'For people: what went wrong and what to do.' },
      details: { description: 'Per code: the fields that failed validation, row errors, limits.' },
    },
    required: ['statusCode', 'code', 'message'],
  };
}

/** Nest's operation ids are `Controller_method`: the controller classes and methods behind them. */
function handlerIndex(app: INestApplication) {
  const index = new Map<string, { controller: Type; method: string }>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      for (const method of Object.getOwnPropertyNames(controller.prototype)) {
        if (method !== 'constructor') index.set(`${controller.name}_${method}`, { controller, method });
      }
    }
  }
  return index;
}

/** Who may call an operation, as the auth guard decides it: stated in the document as `x-allowed`. */
function allowedList(access: RouteAccess): string[] {
  if (access.public) return ['anyone, without a token'];
  const staff = access.conferenceParam ? ' (of this conference\'s staff)' : '';
  const users = access.roles ? access.roles.filter((r) => r !== 'admin') : ['organizer', 'moderator', 'presenter'];
  const allowed = access.users ? ['admin', ...users.map((r) => `${r}${staff}`)] : [];
  if (access.pointOperator) allowed.push('point operator (own point only)');
  if (access.delegate) allowed.push('delegate (own conference only)');
  return allowed;
}

/** Path parameters checked by ParseUUIDPipe, and DTO-bound ones checked by @IsUUID, are uuids. */
function markUuidParameters(op: Operation, controller: Type, method: string) {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, method) ?? {}) as Record<string, { data?: unknown; pipes?: unknown[] }>;
  const uuidNames = new Set<string>();
  for (const arg of Object.values(args)) {
    if (typeof arg.data === 'string' && arg.pipes?.some((p) => p instanceof ParseUUIDPipe)) uuidNames.add(arg.data);
  }
  const paramTypes = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
  for (const type of paramTypes) for (const name of uuidPropertiesOf(type)) uuidNames.add(name);
  for (const p of op.parameters ?? []) {
    if (uuidNames.has(p.name)) p.schema = { ...(p.schema ?? {}), type: 'string', format: 'uuid' };
  }
}

/** The @IsUUID properties of a DTO class (inherited ones included). */
function uuidPropertiesOf(type: Type | undefined): string[] {
  if (typeof type !== 'function' || type === Object || type === String) return [];
  return getMetadataStorage()
    .getTargetValidationMetadatas(type, '', true, false)
    .filter((m) => m.name === IS_UUID)
    .map((m) => m.propertyName);
}

/** Bodies and queries of every route: their DTO schemas get `format: uuid` where the DTO validates one. */
function markUuidProperties(schemas: Record<string, Schema>, handlers: Map<string, { controller: Type; method: string }>) {
  for (const { controller, method } of handlers.values()) {
    const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, method) ?? []) as Type[];
    for (const type of types) {
      const properties = (schemas[type?.name] as { properties?: Record<string, Schema> } | undefined)?.properties;
      if (!properties) continue;
      for (const name of uuidPropertiesOf(type)) {
        const property = properties[name];
        if (!property) continue;
        if (property.type === 'array' && property.items) property.items = { ...(property.items as Schema), type: 'string', format: 'uuid' };
        else Object.assign(property, { type: 'string', format: 'uuid' });
      }
    }
  }
}
