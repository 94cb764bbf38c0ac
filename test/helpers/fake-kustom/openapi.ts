/**
 * Loads the saved OpenAPI files (reference §10), turns their OpenAPI 3.0 schemas into JSON Schema for ajv, and
 * answers two questions per request: which operation is this, and what is wrong with it.
 *
 * Conversion rules: `nullable` → type + 'null'; `$ref` to components → local definitions; `example`, `x-*`,
 * `readOnly` properties (request direction) and artefacts are removed (`enum: [null]`; a one-value enum that is
 * really a `a|b|c` pattern; the example list on `access_id`); bare alternation patterns are anchored; objects that
 * declare `properties` reject unknown properties, so typos in field names are caught.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv, type ValidateFunction, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import YAML from 'yaml';

const addFormats = addFormatsModule.default;

export type ApiFamily = 'checkout' | 'hpp' | 'om' | 'settlements';

interface ParamSpec {
  name: string;
  in: 'query' | 'header' | 'path';
  required: boolean;
  schema: Record<string, unknown>;
}

export interface OperationSpec {
  api: ApiFamily;
  operationId: string;
  method: string;
  template: string;
  regex: RegExp;
  paramNames: string[];
  params: ParamSpec[];
  /** Validates the JSON body, when the operation has one. */
  bodyValidator: ValidateFunction | undefined;
  bodyRequired: boolean;
  queryValidator: ValidateFunction;
}

export interface MatchedOperation {
  op: OperationSpec;
  params: Record<string, string>;
}

const KNOWN_FORMATS = new Set(['date-time', 'date', 'uuid', 'email', 'uri']);
const DROP_KEYS = new Set(['example', 'examples', 'xml', 'externalDocs', 'discriminator', 'deprecated', 'writeOnly', 'description', 'title']);

type Json = Record<string, unknown>;

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function sanitize(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/** Converts one OpenAPI 3.0 schema node to JSON Schema (draft-07, as ajv's default class reads it). */
export function convertSchema(node: unknown, options: { partialTop?: boolean; propertyName?: string } = {}): unknown {
  if (Array.isArray(node)) return node.map((n) => convertSchema(n));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    const m = /^#\/components\/(schemas|requestBodies)\/(.+)$/.exec(node.$ref);
    if (!m?.[2]) throw new Error(`fake-kustom: unsupported $ref ${node.$ref}`);
    return { $ref: `#/definitions/${sanitize(decodeURIComponent(m[2]))}` };
  }
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) {
    if (DROP_KEYS.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties' && isObject(value)) {
      const props: Json = {};
      for (const [pname, pschema] of Object.entries(value)) {
        if (isObject(pschema) && pschema.readOnly === true) continue;
        props[pname] = convertSchema(pschema, { propertyName: pname });
      }
      out.properties = props;
    } else if (key === 'items' || key === 'additionalProperties' || key === 'not') {
      out[key] = typeof value === 'boolean' ? value : convertSchema(value);
    } else if (key === 'allOf' || key === 'anyOf' || key === 'oneOf') {
      out[key] = (value as unknown[]).map((n) => convertSchema(n));
    } else if (key === 'readOnly' || key === 'nullable') {
      continue;
    } else {
      out[key] = value;
    }
  }
  // Artefacts.
  if (Array.isArray(out.enum)) {
    const values = out.enum as unknown[];
    if (values.every((v) => v === null)) delete out.enum;
    else if (options.propertyName === 'access_id') delete out.enum;
    else if (values.length === 1 && typeof values[0] === 'string' && values[0].includes('|')) {
      out.pattern = values[0].trim();
      delete out.enum;
    }
  }
  if (typeof out.pattern === 'string' && /^[A-Za-z0-9_|]+$/.test(out.pattern)) out.pattern = `^(?:${out.pattern})$`;
  if (typeof out.format === 'string' && !KNOWN_FORMATS.has(out.format)) delete out.format;
  if (node.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    if (Array.isArray(out.enum)) out.enum = [...(out.enum as unknown[]), null];
  }
  // Required properties that were read-only are no longer requestable.
  if (Array.isArray(out.required) && isObject(out.properties)) {
    const props = out.properties;
    const kept = (out.required as string[]).filter((r) => r in props);
    if (kept.length > 0 && !options.partialTop) out.required = kept;
    else delete out.required;
  }
  if (isObject(out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function readSpecFile(file: string): Json {
  // Latin-1 decoding never fails; then drop C0/C1 control characters except tab, LF and CR.
  const text = Array.from(readFileSync(file).toString('latin1'))
    .filter((ch) => {
      const code = ch.charCodeAt(0);
      return code === 9 || code === 10 || code === 13 || (code >= 0x20 && code !== 0x7f && (code < 0x80 || code > 0x9f));
    })
    .join('');
  const doc: unknown = YAML.parse(text);
  if (!isObject(doc)) throw new Error(`fake-kustom: ${file} is not an OpenAPI document`);
  return doc;
}

const FILES: Array<{ file: string; api: ApiFamily }> = [
  { file: 'kustom-checkout-api-openapi.yml', api: 'checkout' },
  { file: 'hosted-payment-page-api-openapi.yml', api: 'hpp' },
  { file: 'order-management-api-openapi.yml', api: 'om' },
  { file: 'klarna-settlements-api-openapi.yml', api: 'settlements' },
];

/** Operations whose body is a partial update (send only what changes): top-level `required` does not apply. */
const PARTIAL_BODY_OPERATIONS = new Set(['updateOrderMerchant']);

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true, coerceTypes: coerce, useDefaults: false, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

export class OpenApiCatalogue {
  readonly operations: OperationSpec[] = [];

  constructor(dir: string) {
    const present = new Set(readdirSync(dir));
    const bodyAjv = makeAjv(false);
    const queryAjv = makeAjv(true);
    for (const { file, api } of FILES) {
      if (!present.has(file)) throw new Error(`fake-kustom: missing OpenAPI file ${path.join(dir, file)}`);
      const doc = readSpecFile(path.join(dir, file));
      const servers = Array.isArray(doc.servers) ? (doc.servers as Json[]) : [];
      const serverUrl = typeof servers[0]?.url === 'string' ? servers[0].url : '';
      const prefix = serverUrl ? new URL(serverUrl).pathname.replace(/\/+$/, '') : '';
      const components = isObject(doc.components) ? doc.components : {};
      const definitions: Json = {};
      for (const [name, schema] of Object.entries(isObject(components.schemas) ? components.schemas : {})) {
        definitions[sanitize(name)] = convertSchema(schema);
      }
      const requestBodies = isObject(components.requestBodies) ? components.requestBodies : {};
      const paths = isObject(doc.paths) ? doc.paths : {};
      for (const [template, item] of Object.entries(paths)) {
        if (!isObject(item)) continue;
        const shared = Array.isArray(item.parameters) ? (item.parameters as Json[]) : [];
        for (const [method, opRaw] of Object.entries(item)) {
          if (!['get', 'post', 'patch', 'delete', 'put'].includes(method) || !isObject(opRaw)) continue;
          const operationId = typeof opRaw.operationId === 'string' ? opRaw.operationId : `${method} ${template}`;
          const fullTemplate = `${prefix}${template}`;
          const paramNames: string[] = [];
          const regex = new RegExp(
            `^${fullTemplate
              .split('/')
              .map((seg) => {
                const m = /^\{(.+)\}$/.exec(seg);
                if (m?.[1]) {
                  paramNames.push(m[1]);
                  return '([^/]+)';
                }
                return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
              })
              .join('/')}$`,
          );
          const params: ParamSpec[] = [...shared, ...(Array.isArray(opRaw.parameters) ? (opRaw.parameters as Json[]) : [])]
            .filter(isObject)
            .map((p) => ({
              name: String(p.name),
              in: p.in as ParamSpec['in'],
              required: p.required === true,
              schema: (convertSchema(p.schema ?? {}) as Json) ?? {},
            }));
          const queryProps: Json = {};
          const queryRequired: string[] = [];
          for (const p of params.filter((x) => x.in === 'query')) {
            queryProps[p.name] = p.schema;
            if (p.required) queryRequired.push(p.name);
          }
          const queryValidator = queryAjv.compile({
            type: 'object',
            properties: queryProps,
            required: queryRequired,
            additionalProperties: false,
          });
          let bodyValidator: ValidateFunction | undefined;
          let bodyRequired = false;
          let rb: unknown = opRaw.requestBody;
          if (isObject(rb) && typeof rb.$ref === 'string') {
            const name = rb.$ref.replace('#/components/requestBodies/', '');
            rb = requestBodies[name];
          }
          if (isObject(rb)) {
            bodyRequired = rb.required === true || operationId !== 'updateOrderMerchant';
            const content = isObject(rb.content) ? rb.content : {};
            const json = isObject(content['application/json']) ? content['application/json'] : undefined;
            if (json && json.schema !== undefined) {
              let schema = convertSchema(json.schema) as Json;
              if (PARTIAL_BODY_OPERATIONS.has(operationId) && typeof schema.$ref === 'string') {
                const target = definitions[schema.$ref.replace('#/definitions/', '')];
                if (isObject(target)) {
                  schema = { ...target };
                  delete schema.required;
                }
              }
              bodyValidator = bodyAjv.compile({ ...schema, definitions });
            }
          }
          this.operations.push({
            api,
            operationId,
            method: method.toUpperCase(),
            template: fullTemplate,
            regex,
            paramNames,
            params,
            bodyValidator,
            bodyRequired,
            queryValidator,
          });
        }
      }
    }
    // Literal segments win over parameters: /payouts/summary before /payouts/{payment_reference}.
    this.operations.sort((a, b) => a.paramNames.length - b.paramNames.length);
  }

  /** The operation for a method and path; `pathKnown` tells a wrong method from an unknown path. */
  match(method: string, pathname: string): MatchedOperation | { op: undefined; pathKnown: boolean } {
    let pathKnown = false;
    for (const op of this.operations) {
      const m = op.regex.exec(pathname);
      if (!m) continue;
      pathKnown = true;
      if (op.method !== method) continue;
      const params: Record<string, string> = {};
      op.paramNames.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { op, params };
    }
    return { op: undefined, pathKnown };
  }
}

/** `/order_lines/1/tax_rate` → `order_lines[1].tax_rate`. */
export function fieldPath(instancePath: string, extra?: string): string {
  const parts = instancePath.split('/').filter((p) => p !== '');
  if (extra) parts.push(extra);
  let out = '';
  for (const part of parts) {
    if (/^\d+$/.test(part)) out += `[${part}]`;
    else out += out === '' ? part : `.${part}`;
  }
  return out || '(body)';
}

export function describeAjvErrors(errors: ErrorObject[] | null | undefined, root: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const e of errors ?? []) {
    const extra =
      e.keyword === 'required'
        ? String((e.params as { missingProperty?: unknown }).missingProperty)
        : e.keyword === 'additionalProperties'
          ? String((e.params as { additionalProperty?: unknown }).additionalProperty)
          : undefined;
    const field = fieldPath(e.instancePath, extra);
    const rule =
      e.keyword === 'additionalProperties'
        ? 'is not a property the API defines'
        : e.keyword === 'required'
          ? 'is required'
          : (e.message ?? e.keyword);
    const text = `Bad value: ${root ? `${root}.` : ''}${field} (${rule})`.replace('.(body)', '');
    if (!seen.has(text)) {
      seen.add(text);
      out.push(text);
    }
  }
  return out;
}
