// `npm run openapi:responses`: the response schema of every HTTP operation, read from the return type each
// controller method declares (`Promise<ConferenceDto[]>` documents an array of ConferenceDto) and from the
// shared contracts' own types and comments. Writes apps/api/src/openapi/responses.json, which the api merges
// into its OpenAPI document; a unit test fails when that file is out of date or a route declares no type.
//   node scripts/openapi-responses.mjs           write the file
//   node scripts/openapi-responses.mjs --check   exit 1 when the file differs from what would be written
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { createGenerator } from 'ts-json-schema-generator';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const api = join(root, 'apps/api');
const out = join(api, 'src/openapi/responses.json');
const HTTP = new Set(['Get', 'Post', 'Put', 'Patch', 'Delete']);

/** Every `*.controller.ts` under apps/api/src. */
function controllerFiles(dir = join(api, 'src')) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? controllerFiles(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : [],
  );
}

const decoratorName = (d) => (ts.isCallExpression(d.expression) ? d.expression.expression.getText() : d.expression.getText());
const decorators = (node) => (ts.canHaveDecorators(node) ? (ts.getDecorators(node) ?? []) : []);

/**
 * Reads each route method's declared return type. Returns the operations (keyed like Nest's operation ids,
 * `Controller_method`), the alias declarations to feed the schema generator, and the routes without a type.
 */
export function readControllers(aliasFile) {
  const operations = {};
  const aliases = [];
  const imports = new Map();
  const untyped = [];
  for (const file of controllerFiles()) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const named = new Map();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings) continue;
      const spec = statement.moduleSpecifier.text;
      if (spec.startsWith('@nestjs/') || !ts.isNamedImports(statement.importClause.namedBindings)) continue;
      const from = spec.startsWith('.') ? relative(dirname(aliasFile), resolve(dirname(file), spec)).replace(/^(?!\.)/, './') : spec;
      for (const element of statement.importClause.namedBindings.elements) named.set(element.name.text, from);
    }
    for (const cls of source.statements.filter(ts.isClassDeclaration)) {
      if (!decorators(cls).some((d) => decoratorName(d) === 'Controller')) continue;
      // Left out of the document on purpose (Prometheus' scrape address, for instance).
      if (decorators(cls).some((d) => decoratorName(d) === 'ApiExcludeController')) continue;
      for (const method of cls.members.filter(ts.isMethodDeclaration)) {
        if (!decorators(method).some((d) => HTTP.has(decoratorName(d)))) continue;
        if (decorators(method).some((d) => decoratorName(d) === 'ApiExcludeEndpoint')) continue;
        const key = `${cls.name.text}_${method.name.getText()}`;
        const doc = ts
          .getJSDocCommentsAndTags(method)
          .filter(ts.isJSDoc)
          .map((d) => ts.getTextOfJSDocComment(d.comment) ?? '')
          .join('\n')
          .trim();
        let type = method.type;
        if (type && ts.isTypeReferenceNode(type) && type.typeName.getText() === 'Promise') type = type.typeArguments?.[0];
        if (!type) {
          untyped.push(`${relative(root, file)}: ${key}`);
          continue;
        }
        const text = type.getText(source);
        const about = doc ? { description: doc } : {};
        if (text === 'void') operations[key] = { kind: 'empty', ...about };
        else if (text === 'StreamableFile') operations[key] = { kind: 'file', ...about };
        else {
          operations[key] = { kind: 'json', ...about };
          // A property of an interface: plain aliases of another type would be merged into that type.
          aliases.push(`export interface ${key} { body: ${text} }`);
          for (const [name, from] of named) if (new RegExp(`\\b${name}\\b`).test(text)) imports.set(name, from);
        }
      }
    }
  }
  const byModule = new Map();
  for (const [name, from] of imports) byModule.set(from, [...(byModule.get(from) ?? []), name]);
  const header = [...byModule].map(([from, names]) => `import type { ${names.sort().join(', ')} } from '${from}';`);
  return { operations, source: [...header, ...aliases].join('\n') + '\n', untyped };
}

/** `Page<DelegateDto>` → `Page_DelegateDto`: a name OpenAPI tools accept. */
const schemaName = (name) => name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^_+|_+$/g, '');

/** Rewrites draft-07 `#/definitions/X` references into the document's components. */
function relink(node, inline) {
  if (Array.isArray(node)) return node.map((n) => relink(n, inline));
  if (!node || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const name = decodeURIComponent(node.$ref.replace('#/definitions/', ''));
    return inline.has(name) ? relink(inline.get(name), inline) : { $ref: `#/components/schemas/${schemaName(name)}` };
  }
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, relink(v, inline)]));
}

export function generate() {
  const aliasFile = join(api, 'src/openapi/.responses-source.ts');
  const { operations, source, untyped } = readControllers(aliasFile);
  writeFileSync(aliasFile, source);
  let definitions;
  try {
    definitions = createGenerator({
      path: aliasFile,
      tsconfig: join(api, 'tsconfig.json'),
      type: '*',
      expose: 'export',
      jsDoc: 'extended',
      skipTypeCheck: true,
      additionalProperties: false,
    }).createSchema('*').definitions;
  } finally {
    rmSync(aliasFile, { force: true });
  }
  // The aliases stand for operations, not types of their own: inlined, never listed as schemas.
  const inline = new Map(Object.keys(operations).filter((k) => definitions[k]).map((k) => [k, definitions[k].properties.body]));
  for (const [key, op] of Object.entries(operations)) if (op.kind === 'json') op.schema = relink(inline.get(key), inline);
  const schemas = {};
  for (const [name, schema] of Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b))) {
    if (!inline.has(name)) schemas[schemaName(name)] = relink(schema, inline);
  }
  const sorted = Object.fromEntries(Object.entries(operations).sort(([a], [b]) => a.localeCompare(b)));
  return { text: JSON.stringify({ operations: sorted, schemas }, null, 2) + '\n', untyped };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { text, untyped } = generate();
  if (untyped.length) {
    console.error(`These routes declare no return type, so their response cannot be documented:\n  ${untyped.join('\n  ')}`);
    process.exit(1);
  }
  if (process.argv.includes('--check')) {
    const current = readFileSync(out, 'utf8');
    if (current !== text) {
      console.error(`${relative(root, out)} is out of date: run npm run openapi:responses`);
      process.exit(1);
    }
  } else {
    writeFileSync(out, text);
    console.log(`${relative(root, out)}: ${Object.keys(JSON.parse(text).operations).length} operations`);
  }
}
