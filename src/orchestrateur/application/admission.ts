import { AppError } from '../../lib/errors.js';

const overloaded = (): AppError =>
  new AppError('SURCHARGE', 'Too many checkouts in progress; retry shortly', 503);

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
    /** Told of every checkout refused for overload. */
    private readonly onRefused: () => void = () => undefined,
  ) {}

  get load(): { running: number; queued: number } {
    return { running: this.running, queued: this.queue.length };
  }

  /** Counts a refusal for overload and makes its error. */
  refuse(): AppError {
    this.onRefused();
    return overloaded();
  }

  /**
   * Resolves with the function that gives the slot back (call it once). A checkout that
   * cannot start within maxWaitMs is refused like one that finds the queue full.
   */
  async enter(maxWaitMs: number): Promise<() => void> {
    if (this.running >= this.maxRunning) {
      if (this.queue.length >= this.maxQueued) throw this.refuse();
      await new Promise<void>((resolve, reject) => {
        const turn = (): void => {
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          this.queue.splice(this.queue.indexOf(turn), 1);
          reject(this.refuse());
        }, maxWaitMs);
        this.queue.push(turn);
      });
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
