/**
 * A suite that needs a tool CI installs from Debian (docker-compose, prometheus, nginx,
 * chromium, python3-yaml): on a laptop without it, skipped with the install hint; under
 * CI=true, failed, so a missing tool never passes as a green run.
 */
export function requireTool(
  ctx: Mocha.Context,
  available: boolean,
  hint: string,
): asserts available {
  if (available) return;
  if (process.env.CI === 'true') throw new Error(`${hint} (CI=true: a missing tool fails)`);
  console.warn(`    SKIPPED: ${hint}`);
  ctx.skip();
}
