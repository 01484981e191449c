import { expect } from 'chai';
import { type FaultKind, schedule, seeded } from '../../chaos/schedule.js';

const KINDS: FaultKind[] = [
  'kill-orchestrateur',
  'kill-participant',
  'kill-postgres',
  'terminate-connections',
  'proxy-slow',
  'proxy-unavailable',
  'proxy-drop',
  'proxy-reject',
  'rotate-token',
];
const kindsOf = (durationMs: number, seed: number): Set<FaultKind> =>
  new Set(schedule(durationMs, seeded(seed)).map((s) => s.fault.kind));

describe('the chaos schedule', () => {
  it('is the same for the same seed', () => {
    expect(schedule(600_000, seeded(7))).to.deep.equal(schedule(600_000, seeded(7)));
  });

  it("plays every kind of fault within CI's minute, whatever the seed", () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      expect([...kindsOf(60_000, seed)], `seed ${seed}`).to.have.members(KINDS);
    }
  });

  it('keeps one fault every 1.5 to 4.5 s, in order', () => {
    const s = schedule(60_000, seeded(42));
    expect(s.length).to.be.within(13, 40);
    s.slice(1).forEach((x, i) => expect(x.atMs - (s[i]?.atMs ?? 0)).to.be.within(1500, 4500));
  });
});
