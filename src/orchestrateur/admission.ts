import { AppError } from '../lib/errors.js';

/**
 * Bounds the checkouts running at once. Past `maxRunning` a checkout waits its turn;
 * past `maxQueued` waiting it is refused at once with 503 + Retry-After, so overload
 * degrades into quick refusals instead of every saga slowing down until calls time out.
 */
export class Admission {
  private running = 0;
  private readonly queue: (() => void)[] = [];

  constructor(
    private readonly maxRunning: number,
    private readonly maxQueued: number,
  ) {}

  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  /** Resolves with the function that gives the slot back; call it exactly once. */
  async enter(): Promise<() => void> {
    if (this.running >= this.maxRunning) {
      if (this.queue.length >= this.maxQueued) {
        throw new AppError('SURCHARGE', 'Too many checkouts in progress; retry shortly', 503);
      }
      await new Promise<void>((resolve) => this.queue.push(resolve));
    } else {
      this.running += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.queue.shift();
      if (next)
        next(); // the slot passes straight to the next in line
      else this.running -= 1;
    };
  }
}
