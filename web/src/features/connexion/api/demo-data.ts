import { apiGet } from '../../../lib/api/client.js';
import type { paths } from '../../../lib/api/generated/services.js';

export type DemoData =
  paths['/api/auth/demo']['get']['responses']['200']['content']['application/json'];

/** Whether the system runs with the demo data (public accounts); false in a deployment. */
export function fetchDemoData(signal: AbortSignal): Promise<DemoData> {
  return apiGet<DemoData>('/api/auth/demo', { signal });
}
