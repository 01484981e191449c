/**
 * The password policy of sign-up, shared by the orchestrator (checked before anything is
 * written, for a clear 400) and the auth service (which enforces it: 422).
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/** Passwords people pick first; compared without case. A short list on purpose. */
const COMMON = new Set([
  '0123456789',
  '1234567890',
  '12345678910',
  '1q2w3e4r5t',
  '1qaz2wsx3edc',
  'abc1234567',
  'abcdefghij',
  'azertyuiop',
  'azerty1234',
  'azerty12345',
  'bonjour123',
  'bonjour1234',
  'changeme123',
  'chocolat123',
  'football123',
  'iloveyou123',
  'jetaime1234',
  'letmein123',
  'marseille13',
  'monkey12345',
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'password1',
  'password12',
  'password123',
  'password1234',
  'passw0rd123',
  'qwerty1234',
  'qwerty12345',
  'qwertyuiop',
  'soleil1234',
  'sunshine123',
  'welcome123',
  'administrateur',
  'admin12345',
  'bienvenue1',
  'bienvenue123',
  'princesse1',
  'doudou1234',
  'loulou1234',
  'nicolas123',
  'superman123',
  'trustno1234',
  'dragon12345',
  'master12345',
  'baseball123',
  'starwars123',
  '11111111111',
  '123123123123',
  '987654321',
  '9876543210',
  'zaq12wsxcde',
  'aaaaaaaaaa',
]);

/**
 * Why this password is not acceptable for this username, in a sentence for the person;
 * undefined when it is.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  if (password.length < PASSWORD_MIN) {
    return `The password must be at least ${PASSWORD_MIN} characters long`;
  }
  if (password.length > PASSWORD_MAX) {
    return `The password must be at most ${PASSWORD_MAX} characters long`;
  }
  const lower = password.toLowerCase();
  if (username !== '' && lower.includes(username.toLowerCase())) {
    return 'The password must not contain the username';
  }
  if (COMMON.has(lower)) return 'This password is too common; choose another';
  if (new Set(password).size === 1) return 'The password must not repeat a single character';
  return undefined;
}
