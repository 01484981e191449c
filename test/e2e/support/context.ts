import type { Api } from './api.js';
import type { Browser } from './browser.js';
import type { E2eSystem } from './system.js';

/** What every scenario gets: the running system, the browser, the operator's API. */
export interface E2e {
  system: E2eSystem;
  browser: Browser;
  /** The one URL of the front (and of the API under the gateway's paths). */
  web: string;
  op: Api;
}

/** Scenarios read the context once the root `before` has filled it. */
export type GetE2e = () => E2e;
