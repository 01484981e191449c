/** The command line of `npm run bench` (see run.ts), as each mode reads it. */
const args = process.argv.slice(2);

/** The value following `--name`, if it was given. */
export const option = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export const flag = (name: string): boolean => args.includes(name);

export const quick = flag('--quick');
/** One measurement's length: 10 s, 3 s with `--quick`. */
export const SECONDS = quick ? 3 : 10;
/** Load on each system before its first measurement (the whole system's JIT warm-up). */
export const WARM_SECONDS = quick ? 10 : 30;
