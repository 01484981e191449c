import { expect } from 'chai';

/** The API as a test checks it: through the front's port, under the gateway's paths. */
export interface Api {
  get<T>(path: string): Promise<T>;
  del(path: string): Promise<void>;
  /** Any answer: the status and the body. */
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<{ status: number }>;
}

export async function apiAs(web: string, username: string): Promise<Api> {
  const login = await fetch(`${web}/api/auth/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: `${username}-demo` }),
  });
  expect(login.status).to.equal(200);
  const { access_token: token } = (await login.json()) as { access_token: string };
  const call = (method: string, path: string, init: RequestInit = {}) =>
    fetch(`${web}${path}`, {
      ...init,
      method,
      headers: { ...(init.headers as Record<string, string>), Authorization: `Bearer ${token}` },
    });
  return {
    async get<T>(path: string): Promise<T> {
      const res = await call('GET', path);
      expect(res.status, `GET ${path}`).to.equal(200);
      return (await res.json()) as T;
    },
    async post(path, body, headers = {}) {
      const res = await call('POST', path, {
        body: JSON.stringify(body),
        headers: { 'Content-Type': 'application/json', ...headers },
      });
      await res.arrayBuffer();
      return { status: res.status };
    },
    async del(path: string): Promise<void> {
      const res = await call('DELETE', path);
      expect(res.status, `DELETE ${path}`).to.be.within(200, 299);
    },
  };
}

export const PARTICIPANTS = ['panier', 'stock', 'client', 'ventes'] as const;

/** Every fault switch off, whatever a test left on. */
export async function clearFaults(api: Api): Promise<void> {
  await Promise.all(PARTICIPANTS.map((p) => api.del(`/api/pannes/${p}`)));
}

export async function commandesOf(api: Api, clientId: number): Promise<{ id: string }[]> {
  return api.get(`/api/commandes?client_id=${clientId}&limit=200`);
}
