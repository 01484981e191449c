import { apiAs, clearFaults } from './support/api.js';
import { chromiumAvailable, launchBrowser } from './support/browser.js';
import type { E2e } from './support/context.js';
import { startE2eSystem } from './support/system.js';
import { employeeScenarios } from './employee.scenarios.js';
import { faultScenarios } from './fault.scenarios.js';
import { operatorScenarios } from './operator.scenarios.js';
import { pageScenarios } from './page.scenarios.js';
import { shopScenarios } from './shop.scenarios.js';
import { signupParkedScenarios } from './signup-parked.scenarios.js';
import { signupScenarios } from './signup.scenarios.js';

describe('the web front in a real browser (the system as npm start runs it, headless Chromium)', function () {
  this.timeout(60_000);
  const ctx: Partial<E2e> = {};
  const get = (): E2e => ctx as E2e;

  before(async function () {
    this.timeout(120_000);
    if (!chromiumAvailable()) {
      console.warn('    SKIPPED: /usr/bin/chromium is missing (apt-get install chromium)');
      this.skip();
    }
    const [system, browser] = await Promise.all([startE2eSystem(), launchBrowser()]);
    Object.assign(ctx, { system, browser, web: system.web });
    ctx.op = await apiAs(system.web, 'operateur');
  });

  afterEach(async () => {
    if (ctx.op) await clearFaults(ctx.op);
  });

  after(async () => {
    await ctx.browser?.close();
    await ctx.system?.stop();
  });

  shopScenarios(get);
  faultScenarios(get);
  operatorScenarios(get);
  pageScenarios(get);
  signupScenarios(get);
  signupParkedScenarios(get);
  employeeScenarios(get);
});
