import { expect } from 'chai';
import { createLogger } from '../../src/lib/logger.js';
import type { RunningService } from '../../src/lib/service.js';
import { SYSTEM_SERVICES, type SystemService } from '../../src/system/config.js';
import { type RunningFront, startFrontServer } from '../../src/system/front-server.js';
import { loadGatewayRoutes } from '../../src/system/gateway-routes.js';
import { ensureWebBuild } from '../../src/system/web-build.js';
import { type Browser, CHROMIUM, launchBrowser } from '../e2e/support/browser.js';
import { requireTool } from '../support/tools.js';
import { existsSync } from 'node:fs';
import { startTestAuth } from './support/identity.js';

/**
 * The login page in Chromium, served as `npm start` serves it (the built front, the API under
 * the gateway's routes) in front of a real auth service with or without DEMO_DATA.
 */
describe('the login page lists the demo accounts only when the system runs with demo data', function () {
  this.timeout(180_000);
  const logger = createLogger('login-page-test', 'silent', 'json');
  let browser: Browser | undefined;
  let webDir: string;
  const started: { auth: RunningService; front: RunningFront }[] = [];

  before(async function () {
    requireTool(this, existsSync(CHROMIUM), `${CHROMIUM} is needed (apt-get install chromium)`);
    webDir = await ensureWebBuild(logger);
    browser = await launchBrowser();
  });

  after(async () => {
    await browser?.close();
    for (const { auth, front } of started) {
      await front.stop();
      await auth.close();
    }
  });

  /** The auth service with `settings`, and the front in front of it; the page's URL. */
  async function frontWith(settings: Record<string, string>): Promise<string> {
    const auth = await startTestAuth(settings);
    const targets = Object.fromEntries(SYSTEM_SERVICES.map((s) => [s, auth.url])) as Record<
      SystemService,
      string
    >;
    const front = await startFrontServer(
      { webDir, routes: loadGatewayRoutes(), targets, logger },
      '127.0.0.1',
      0,
    );
    started.push({ auth, front });
    return front.url;
  }

  async function demoSectionOn(url: string): Promise<boolean> {
    const page = await (browser as Browser).context.newPage();
    try {
      const demoAnswer = page.waitForResponse((r) => r.url().endsWith('/api/auth/demo'));
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      expect((await demoAnswer).status()).to.equal(200);
      // The answer is in; give React the turn that renders it.
      await page.waitForTimeout(200);
      return page.getByRole('heading', { name: 'Comptes de démonstration' }).isVisible();
    } finally {
      await page.close();
    }
  }

  it('shows none in a deployment (DEMO_DATA unset)', async () => {
    expect(await demoSectionOn(await frontWith({}))).to.equal(false);
  });

  it('shows them with DEMO_DATA=true (npm start), and one fills the form', async () => {
    const url = await frontWith({ DEMO_DATA: 'true' });
    expect(await demoSectionOn(url)).to.equal(true);
    const page = await (browser as Browser).context.newPage();
    try {
      await page.goto(url);
      await page.getByRole('button', { name: 'Remplir avec le compte alice' }).click();
      expect(await page.getByLabel('Mot de passe').inputValue()).to.equal('alice-demo');
    } finally {
      await page.close();
    }
  });
});
