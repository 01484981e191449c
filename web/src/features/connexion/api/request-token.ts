import { apiSend } from '../../../lib/api/client.js';
import type { TokenResponse } from '../../../lib/api-types.js';

export function requestToken(username: string, password: string): Promise<TokenResponse> {
  return apiSend<TokenResponse>('POST', '/api/auth/token', { body: { username, password } });
}
