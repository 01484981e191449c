import { useQuery } from '../../../lib/use-query.js';
import { demoModeOn, getAllPannes } from '../api/pannes-api.js';

/**
 * Whether the system runs with demo fault switches: some participant answers
 * GET /api/pannes/{participant} with 200. Asked only for operators (the route is theirs).
 */
export function useDemoMode(enabled: boolean): boolean {
  const query = useQuery(enabled ? 'demo-mode' : null, getAllPannes);
  return query.data !== undefined && demoModeOn(query.data);
}
