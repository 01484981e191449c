/**
 * The signed-in user, in memory only: never in localStorage or a cookie, so a token
 * cannot outlive the tab or be read by another page. Reloading the page means signing
 * in again; nothing is lost since the cart lives in the panier service.
 */
export type Role = 'client' | 'operateur';

export interface Session {
  token: string;
  username: string;
  role: Role;
  /** Set for a client: whose cart, balance and commandes these are. */
  clientId: number | null;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface SessionState {
  session: Session | null;
  /** Why the last session ended, shown on the login page. */
  notice: string | null;
  /** Where the user was when the session ended: brought back after signing in. */
  returnTo: string | null;
  /** Who was signed in last: the login form offers that name again. */
  lastUsername: string | null;
}

export const EXPIRED_NOTICE =
  'Votre session a expiré. Reconnectez-vous : votre panier vous attend.';

interface Claims {
  sub: string;
  roles: string[];
  client_id?: number;
}

function base64UrlDecode(part: string): string {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** Reads the claims the front needs; the signature is the services' business, not ours. */
export function decodeClaims(token: string): Claims {
  const payload = token.split('.')[1];
  if (payload === undefined) throw new Error('Not a JWT');
  const c = JSON.parse(base64UrlDecode(payload)) as Partial<Claims>;
  const rolesOk = Array.isArray(c.roles) && c.roles.every((r) => typeof r === 'string');
  if (typeof c.sub !== 'string' || !rolesOk) {
    throw new Error('Token claims are incomplete');
  }
  if (c.client_id !== undefined && !Number.isInteger(c.client_id)) {
    throw new Error('Token client_id is not an integer');
  }
  return c as Claims;
}

/**
 * The session a login answer opens. Its end is `expires_in` counted from now, not the
 * token's `exp`: this machine's clock may differ from the auth service's.
 */
export function sessionFromToken(token: string, expiresInS: number, now = Date.now()): Session {
  const claims = decodeClaims(token);
  const role: Role | undefined = claims.roles.includes('operateur')
    ? 'operateur'
    : claims.roles.includes('client')
      ? 'client'
      : undefined;
  if (!role) throw new Error('Token carries no known role');
  if (role === 'client' && claims.client_id === undefined) {
    throw new Error('Client token without client_id');
  }
  return {
    token,
    username: claims.sub,
    role,
    clientId: role === 'client' ? (claims.client_id ?? null) : null,
    expiresAt: now + expiresInS * 1000,
  };
}

let state: SessionState = { session: null, notice: null, returnTo: null, lastUsername: null };
let expiryTimer: ReturnType<typeof setTimeout> | undefined;
const listeners = new Set<() => void>();

function set(next: SessionState): void {
  state = next;
  for (const listener of listeners) listener();
}

const currentPath = (): string => `${window.location.pathname}${window.location.search}`;

export const sessionStore = {
  getState: (): SessionState => state,
  get: (): Session | null => state.session,
  subscribe(listener: () => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  signIn(session: Session): void {
    clearTimeout(expiryTimer);
    // Leave when the token expires, before a call fails with 401 (which also ends it).
    const ms = Math.min(session.expiresAt - Date.now(), 2 ** 31 - 1);
    expiryTimer = setTimeout(() => sessionStore.expire(), Math.max(ms, 0));
    set({ session, notice: null, returnTo: state.returnTo, lastUsername: session.username });
  },
  /** The token expired or was refused: back to the login, remembering where we were. */
  expire(): void {
    if (!state.session) return;
    clearTimeout(expiryTimer);
    set({ ...state, session: null, notice: EXPIRED_NOTICE, returnTo: currentPath() });
  },
  signOut(): void {
    clearTimeout(expiryTimer);
    set({ session: null, notice: 'Vous êtes déconnecté.', returnTo: null, lastUsername: null });
  },
  /** A page asked for while signed out: shown once signed in. */
  rememberReturnTo(path: string): void {
    state = { ...state, returnTo: path };
  },
  /** Consumed once after signing in. */
  takeReturnTo(): string | null {
    const target = state.returnTo;
    if (target !== null) state = { ...state, returnTo: null };
    return target;
  },
};
