import nock from 'nock';
import { stopTestPostgres, testPostgres } from './support/postgres.js';

// Mocha global fixtures: one embedded PostgreSQL for the whole run.
export async function mochaGlobalSetup(): Promise<void> {
  nock.disableNetConnect();
  nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  await testPostgres();
}

export async function mochaGlobalTeardown(): Promise<void> {
  await stopTestPostgres();
}
