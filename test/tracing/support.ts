import { expect } from 'chai';
import { flushTraces } from '../../src/lib/tracing.js';
import { realServicesContext } from '../contract/real-services-fixture.js';
import type { TestServices } from '../services/support/services.js';
import type { OtlpReceiver, ReceivedSpan } from './otlp-receiver.js';

/** A client with `solde` cents and 2 units at 2.50 € in its cart, in a magasin holding 10. */
export async function shopper(services: TestServices, solde: number) {
  const { fixture } = realServicesContext(services);
  const client = await fixture.createClient(solde);
  const produit = await fixture.createProduit(250);
  const magasin = await fixture.newMagasinId();
  await fixture.setStock(magasin, produit, 10);
  await fixture.fillCart(client, [{ produit_id: produit, quantite: 2 }]);
  return { client, magasin };
}

/** Every span of one trace, once the processes exported what they ended. */
export async function traceOf(receiver: OtlpReceiver, traceId: string): Promise<ReceivedSpan[]> {
  await flushTraces();
  return receiver.spans.filter((s) => s.traceId === traceId);
}

export const childrenOf = (spans: readonly ReceivedSpan[], parent: ReceivedSpan): ReceivedSpan[] =>
  spans.filter((s) => s.parentSpanId === parent.spanId);

export function one(
  spans: readonly ReceivedSpan[],
  pred: (s: ReceivedSpan) => boolean,
): ReceivedSpan {
  const found = spans.filter(pred);
  expect(found, `spans: ${spans.map((s) => `${s.service}/${s.name}`).join(', ')}`).to.have.length(
    1,
  );
  return found[0] as ReceivedSpan;
}

/**
 * Each attempt's participant call is its child, and the participant's server span is the
 * call's child, with SQL beneath it: one tree across the processes.
 */
export function expectCallTree(spans: readonly ReceivedSpan[], attempt: ReceivedSpan): void {
  const call = one(childrenOf(spans, attempt), (s) => s.kind === 3);
  const served = one(childrenOf(spans, call), (s) => s.kind === 2);
  expect(served.service).to.not.equal('orchestrateur');
  expect(served.name).to.match(/^(GET|POST|DELETE|PUT) \/api\//);
  const sql = childrenOf(spans, served).filter((s) => s.name.startsWith('SQL '));
  expect(sql, `${served.service} ${served.name}`).to.not.be.empty;
}
