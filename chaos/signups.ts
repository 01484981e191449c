/**
 * New people while everything breaks: one worker signs people up one after the other on
 * either orchestrator, with an Idempotency-Key (the same key again after a network error
 * or a 503), one in four with the e-mail of an earlier one (refused: its credentials are
 * reserved, then deleted again). What each sign-up became is read from the databases at
 * the end (books.ts, checkSignups).
 */
import { randomUUID } from 'node:crypto';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface Person {
  nom: string;
  email: string;
  username: string;
  password: string;
}

export class Signups {
  /** Answers by HTTP status (after retries with the same key). */
  readonly answers = new Map<number, number>();
  readonly internalErrors: string[] = [];
  private readonly emails: string[] = [];
  private stopping = false;
  private worker: Promise<void> | undefined;

  constructor(
    private readonly orchestrateurs: readonly string[],
    private readonly random: () => number,
  ) {}

  start(): void {
    this.worker = this.work();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker;
  }

  private person(n: number): Person {
    const tag = `${n}-${randomUUID().slice(0, 6)}`;
    const reuse = this.emails.length > 0 && this.random() < 0.25;
    const email = reuse
      ? (this.emails[Math.floor(this.random() * this.emails.length)] ?? '')
      : `chaos-${tag}@example.test`;
    return {
      nom: `Chaos ${tag}`,
      email,
      username: `chaos-new-${tag}`,
      password: `Une phrase de chaos ${tag}`,
    };
  }

  private async work(): Promise<void> {
    for (let n = 0; !this.stopping; n += 1) {
      const person = this.person(n);
      const status = await this.signUp(person);
      this.answers.set(status, (this.answers.get(status) ?? 0) + 1);
      if (status === 201) this.emails.push(person.email);
      await sleep(250);
    }
  }

  /** Until a definite answer: a dead instance or a 503 is retried with the same key. */
  private async signUp(person: Person): Promise<number> {
    const key = randomUUID();
    for (let tries = 0; ; tries += 1) {
      const url = this.orchestrateurs[tries % this.orchestrateurs.length] ?? '';
      const res = await fetch(`${url}/api/inscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(person),
        signal: AbortSignal.timeout(15_000),
      }).catch(() => undefined);
      if (res?.status === 500) this.internalErrors.push('POST /api/inscriptions');
      if (res && res.status !== 503) return res.status;
      if (this.stopping && tries > 20) return res?.status ?? 0;
      await sleep(300);
    }
  }
}
