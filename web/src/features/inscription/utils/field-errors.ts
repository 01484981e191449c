import { ApiError } from '../../../lib/api/client.js';
import type { InscriptionRequest } from '../../../lib/api-types.js';
import { PASSWORD_MIN, passwordProblem } from '../../../../../src/lib/password-policy.js';

export type InscriptionField = keyof InscriptionRequest;
export type FieldErrors = Partial<Record<InscriptionField, string>>;

export const FIELDS: readonly InscriptionField[] = ['nom', 'email', 'username', 'password'];
export { PASSWORD_MIN };

const REQUIRED = 'Ce champ est obligatoire.';
const EMAIL = 'Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.';
const USERNAME = 'De 3 à 32 caractères : lettres, chiffres, points, tirets ou soulignés.';
/** The orchestrator's rule, once the name is trimmed and in lower case. */
const USERNAME_RULE = /^[a-z0-9._-]{3,32}$/;

/** What the form can tell before sending: the same rules the server applies first. */
export function checkForm(v: InscriptionRequest): FieldErrors {
  const errors: FieldErrors = {};
  for (const field of FIELDS) if (v[field].trim() === '') errors[field] = REQUIRED;
  if (!errors.email && !/^[^\s@]+@[^\s@]+$/.test(v.email.trim())) errors.email = EMAIL;
  const username = v.username.trim().toLowerCase();
  if (!errors.username && !USERNAME_RULE.test(username)) errors.username = USERNAME;
  // The policy itself (src/lib/password-policy.ts), as the orchestrator and auth apply it.
  const problem = errors.password ? undefined : passwordProblem(v.password, username);
  if (problem !== undefined) errors.password = passwordText(problem);
  return errors;
}

/** A joi message ("'email' must be a valid email") in words, for the field it names. */
function joiText(message: string): string {
  const min = /length must be at least (\d+)/.exec(message)?.[1];
  const max = /length must be less than or equal to (\d+)/.exec(message)?.[1];
  if (/is required|is not allowed to be empty/.test(message)) return REQUIRED;
  if (/must be a valid email/.test(message)) return EMAIL;
  if (min !== undefined) return `Au moins ${min} caractères.`;
  if (max !== undefined) return `Au plus ${max} caractères.`;
  if (/^username must be/.test(message)) return USERNAME;
  if (/pattern|must only contain/.test(message)) return 'Ce champ contient des caractères refusés.';
  return message;
}

/** "Invalid body: 'email' must be…; 'password' length…" → one message per field named. */
function validationErrors(message: string): FieldErrors {
  const errors: FieldErrors = {};
  const text = message.replace(/^Invalid \w+: /, '');
  for (const part of text.split('; ')) {
    const field = (/'([a-z_]+)'/.exec(part) ?? /^([a-z_]+) /.exec(part))?.[1];
    const known = FIELDS.find((f) => f === field);
    if (known && !errors[known]) errors[known] = joiText(part);
  }
  return errors;
}

/** Which rule of the policy the password broke (passwordProblem's sentence), in words. */
function passwordText(problem: string): string {
  const max = /at most (\d+)/.exec(problem)?.[1];
  if (/at least/.test(problem)) {
    return `Le mot de passe doit compter au moins ${PASSWORD_MIN} caractères.`;
  }
  if (max !== undefined) return `Le mot de passe ne peut dépasser ${max} caractères.`;
  if (/username/.test(problem)) return 'Le mot de passe ne doit pas contenir le nom d’utilisateur.';
  if (/common/.test(problem)) {
    return 'Ce mot de passe est trop courant : choisissez-en un moins facile à deviner.';
  }
  if (/single character/.test(problem)) {
    return 'Le mot de passe ne peut pas répéter un seul et même caractère.';
  }
  return 'Ce mot de passe est refusé : choisissez-en un autre.';
}

/** The server's refusal, next to the fields it is about; null when it is about none. */
export function serverFieldErrors(error: unknown): FieldErrors | null {
  if (!(error instanceof ApiError)) return null;
  if (error.code === 'MOT_DE_PASSE_REFUSE') return { password: passwordText(error.message) };
  if (error.code !== 'VALIDATION_ERROR') return null;
  const errors = validationErrors(error.message);
  return Object.keys(errors).length > 0 ? errors : null;
}
