import { fileURLToPath } from 'node:url';
import { AssertionError } from 'chai';
import validatorPlugin from 'chai-openapi-response-validator';
import type { ApiResponse } from '../../contract/http.js';

type Check = (this: { _obj: unknown; assert(pass: boolean, message: string): void }) => void;

const SERVICES_YAML = fileURLToPath(
  new URL('../../../docs/openapi/services.yaml', import.meta.url),
);

/**
 * chai-openapi-response-validator's `satisfyApiSpec` check for docs/openapi/services.yaml,
 * taken out of the plugin instead of installed on chai: chai holds one `satisfyApiSpec`,
 * and a suite checking another document (the orchestrator's) may install its own.
 */
function servicesSpecCheck(): Check {
  let check: Check | undefined;
  const capture = {
    Assertion: {
      addProperty: (name: string, fn: Check) => {
        if (name === 'satisfyApiSpec') check = fn;
      },
      addMethod: () => undefined,
    },
    AssertionError,
  };
  // A CommonJS module: the function is the import itself or its `default`, by loader.
  const imported: unknown = validatorPlugin;
  const plugin = (
    typeof imported === 'function' ? imported : validatorPlugin.default
  ) as typeof validatorPlugin.default;
  const install = plugin(SERVICES_YAML);
  install(capture as unknown as Chai.ChaiStatic, {} as Chai.ChaiUtils);
  if (!check) throw new Error('chai-openapi-response-validator offers no satisfyApiSpec');
  return check;
}

let check: Check | undefined;

/** Fails unless the answer to `method url` is one that services.yaml describes. */
export function expectDocumented(method: string, url: string, res: ApiResponse<unknown>): void {
  check ??= servicesSpecCheck();
  const { pathname, search } = new URL(url);
  // The plugin reads axios' shape.
  const response = {
    status: res.status,
    headers: res.headers,
    data: res.body,
    request: { method, path: `${pathname}${search}` },
  };
  check.call({
    _obj: response,
    assert(pass, message) {
      if (!pass) throw new AssertionError(message);
    },
  });
}
