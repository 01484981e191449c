import { readYaml } from './compose.js';
import { endpointKey, validatorOf } from './gateway-auth.js';
import type { KrakendConfig } from './krakend.js';

export const OPENAPI_FILES = ['docs/openapi/orchestrateur.yaml', 'docs/openapi/services.yaml'];

/** One documented operation: who may call it (null: public), its query parameters, its body. */
export interface DocumentedOperation {
  roles: string[] | null;
  query: string[];
  /** It takes a request body (required or optional): the gateway must pass Content-Type. */
  body: boolean;
}

interface Parameter {
  $ref?: string;
  in?: string;
  name?: string;
}

interface Operation {
  security?: unknown[];
  'x-roles'?: string[];
  parameters?: Parameter[];
  requestBody?: unknown;
}

interface OpenApiDocument {
  security?: unknown[];
  paths: Record<string, Record<string, Operation | Parameter[]>>;
  components?: { parameters?: Record<string, Parameter> };
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** `/api/stock/magasins/{magasin_id}` and `/api/stock/magasins/{id}` are one route. */
export const routeShape = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{}')}`;

function operationsOf(doc: OpenApiDocument): Map<string, DocumentedOperation> {
  const resolve = (p: Parameter): Parameter =>
    p.$ref ? (doc.components?.parameters?.[p.$ref.split('/').pop() ?? ''] ?? p) : p;
  const ops = new Map<string, DocumentedOperation>();
  for (const [path, item] of Object.entries(doc.paths)) {
    const shared = (item.parameters ?? []) as Parameter[];
    for (const method of METHODS) {
      const op = item[method] as Operation | undefined;
      if (op === undefined) continue;
      const security = op.security ?? doc.security ?? [];
      const query = [...shared, ...(op.parameters ?? [])]
        .map(resolve)
        .filter((p) => p.in === 'query')
        .map((p) => p.name ?? '');
      ops.set(routeShape(method, path), {
        roles: security.length === 0 ? null : (op['x-roles'] ?? []),
        query,
        body: op.requestBody !== undefined,
      });
    }
  }
  return ops;
}

/** Every operation of the OpenAPI documents, by route shape. undefined without python3-yaml. */
export function documentedOperations(): Map<string, DocumentedOperation> | undefined {
  const all = new Map<string, DocumentedOperation>();
  for (const file of OPENAPI_FILES) {
    const doc = readYaml(file) as OpenApiDocument | undefined;
    if (doc === undefined) return undefined;
    for (const [k, v] of operationsOf(doc)) all.set(k, v);
  }
  return all;
}

/**
 * The documented operation a gateway route calls. A documented `{participant}` also matches
 * the gateway's fixed `/api/pannes/stock` (one route per participant, each to its service).
 */
function findOperation(
  ops: Map<string, DocumentedOperation>,
  method: string,
  path: string,
): DocumentedOperation | undefined {
  const exact = ops.get(routeShape(method, path));
  if (exact !== undefined) return exact;
  const shape = routeShape(method, path);
  for (const [documented, op] of ops) {
    const pattern = documented
      .split('{}')
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
      .join('(\\{\\}|[^/{}]+)');
    if (new RegExp(`^${pattern}$`).test(shape)) return op;
  }
  return undefined;
}

const sorted = (xs: readonly string[]): string => JSON.stringify([...xs].sort());

/**
 * The gateway against the API's documentation: each route is a documented operation, public
 * exactly when the documentation says so, with the documented roles (less 'service', which
 * never comes through the gateway), every documented query parameter passed on, and
 * Content-Type passed on where the operation takes a body.
 */
export function openapiProblems(
  cfg: KrakendConfig,
  ops: Map<string, DocumentedOperation>,
): string[] {
  const problems: string[] = [];
  for (const e of cfg.endpoints) {
    const k = endpointKey(e);
    const op = findOperation(ops, e.method ?? 'GET', e.endpoint);
    if (op === undefined) {
      problems.push(`${k}: not in ${OPENAPI_FILES.join(' or ')}`);
      continue;
    }
    const roles = validatorOf(e)?.roles as string[] | undefined;
    if (op.roles === null && roles !== undefined) problems.push(`${k}: documented as public`);
    if (op.roles !== null) {
      const people = op.roles.filter((r) => r !== 'service');
      if (people.length === 0) problems.push(`${k}: a service-only operation is exposed`);
      else if (sorted(people) !== sorted(roles ?? [])) {
        problems.push(`${k}: roles ${sorted(roles ?? [])}, documented ${sorted(people)}`);
      }
    }
    const headers = (e.input_headers ?? []).map((h) => h.toLowerCase());
    if (op.body && !headers.includes('content-type')) {
      problems.push(
        `${k}: takes a body, but Content-Type is not passed on (the service answers 415)`,
      );
    }
    if (sorted(op.query) !== sorted(e.input_query_strings ?? [])) {
      problems.push(
        `${k}: query strings ${sorted(e.input_query_strings ?? [])}, documented ${sorted(op.query)}`,
      );
    }
  }
  return problems;
}
