import { startTestServices, type TestServices } from '../services/support/services.js';
import type { ParticipantContext } from './participant-contract.js';
import { describeParticipantContract } from './participant-contract.js';
import { realServicesContext } from './real-services-fixture.js';

describe('the real services', () => {
  let services: TestServices;
  let context: ParticipantContext;

  before(async () => {
    services = await startTestServices();
    context = realServicesContext(services);
  });

  after(async () => {
    await services?.close();
  });

  describeParticipantContract(
    'produits, stock, client, panier and ventes over HTTP',
    () => context,
  );
});
