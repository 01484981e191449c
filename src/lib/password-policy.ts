/**
 * The password policy of sign-up, shared by the orchestrator (checked before anything is
 * written, for a clear 400), the auth service (which enforces it: 422) and the web front
 * (a hint next to the field). Pure: no I/O, nothing of the product.
 */

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/**
 * Passwords people pick first, lowercase; compared without case. A short list on purpose
 * (the ones a guesser tries first, French ones included): each is as long as the policy
 * asks, so each can actually be refused by it.
 */
const COMMON: ReadonlySet<string> = new Set([
  '0123456789',
  '1234567890',
  '12345678910',
  '123456789a',
  '1234567890a',
  '0987654321',
  '9876543210',
  '1111111111',
  '1212121212',
  '1234512345',
  '1122334455',
  '123123123123',
  '123456123456',
  '147258369a',
  '1q2w3e4r5t',
  '1q2w3e4r5t6y',
  '1qaz2wsx3edc',
  'zaq12wsxcde',
  'qwertyuiop',
  'qwerty1234',
  'qwerty12345',
  'qwerty123456',
  'azertyuiop',
  'azerty1234',
  'azerty12345',
  'azerty123456',
  'azertyuiop1',
  'asdfghjkl1',
  'zxcvbnm123',
  'abc1234567',
  'abcd123456',
  'abcdefghij',
  'abcdefgh12',
  'password12',
  'password123',
  'password1234',
  'password12345',
  'passw0rd123',
  'p@ssword123',
  'p@ssw0rd123',
  'motdepasse',
  'motdepasse1',
  'motdepasse12',
  'motdepasse123',
  'motdepasse1234',
  'mot2passe123',
  'bonjour123',
  'bonjour1234',
  'bienvenue1',
  'bienvenue123',
  'bienvenue1234',
  'welcome123',
  'welcome1234',
  'letmein123',
  'changeme123',
  'iloveyou12',
  'iloveyou123',
  'jetaime123',
  'jetaime1234',
  'chocolat123',
  'soleil1234',
  'doudou1234',
  'loulou1234',
  'princesse1',
  'princesse123',
  'marseille13',
  'nicolas123',
  'football123',
  'football1234',
  'baseball123',
  'superman123',
  'batman12345',
  'starwars123',
  'pokemon1234',
  'dragon1234',
  'dragon12345',
  'monkey12345',
  'master12345',
  'sunshine123',
  'trustno1234',
  'admin12345',
  'admin123456',
  'administrateur',
  'administrator',
  'root123456',
  'utilisateur1',
  'secret1234',
  'azertyuiop123',
  'qwertyuiop123',
  '1234qwerty',
  '1234azerty',
  '12345azerty',
  '12345qwerty',
  '000000000000',
  'aaaaaaaaaa1',
  'qazwsxedc123',
]);

/**
 * Why this password is not acceptable for this username, in a sentence for the person;
 * undefined when it is. Length is counted in characters (code points), not UTF-16 units.
 */
export function passwordProblem(password: string, username: string): string | undefined {
  const characters = [...password];
  if (characters.length < PASSWORD_MIN) {
    return `The password must be at least ${PASSWORD_MIN} characters long`;
  }
  if (characters.length > PASSWORD_MAX) {
    return `The password must be at most ${PASSWORD_MAX} characters long`;
  }
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name !== '' && lower.includes(name)) return 'The password must not contain the username';
  if (COMMON.has(lower)) return 'This password is too common; choose another';
  if (new Set(characters).size === 1) return 'The password must not repeat a single character';
  return undefined;
}
