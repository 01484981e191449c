import { expect } from 'chai';
import { AppError } from '../../src/lib/errors.js';
import { Admission } from '../../src/orchestrateur/application/admission.js';

describe('Admission (bounded checkouts)', () => {
  it('hands a freed slot to the next in line, in order', async () => {
    const a = new Admission(1, 5);
    const first = await a.enter(1000);
    const order: number[] = [];
    const second = a.enter(1000).then((r) => (order.push(2), r));
    const third = a.enter(1000).then((r) => (order.push(3), r));
    expect(a.load).to.deep.equal({ running: 1, queued: 2 });
    first();
    (await second)();
    (await third)();
    expect(order).to.deep.equal([2, 3]);
    expect(a.load).to.deep.equal({ running: 0, queued: 0 });
  });

  it('refuses with 503 SURCHARGE when the queue is full or the wait outlasts the budget', async () => {
    const a = new Admission(1, 1);
    const held = await a.enter(1000);
    const waiting = a.enter(30);
    const full = await a.enter(1000).catch((e: unknown) => e);
    expect(full).to.be.instanceOf(AppError).and.include({ code: 'SURCHARGE', httpStatus: 503 });
    const late = await waiting.catch((e: unknown) => e);
    expect(late).to.be.instanceOf(AppError).and.include({ code: 'SURCHARGE' });
    expect(a.load).to.deep.equal({ running: 1, queued: 0 });
    held();
    held(); // a second release changes nothing
    expect(a.load).to.deep.equal({ running: 0, queued: 0 });
  });
});
