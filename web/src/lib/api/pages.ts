/** The largest page the services give (`limit` 1-500; their default is 100). */
export const PAGE_SIZE = 500;
/** A guard against a list that never ends: 50 pages of 500. */
const MAX_PAGES = 50;

/**
 * Every item of a list the API pages with `limit`/`offset`: page after page, until one
 * comes back short. The demo's lists fit in one page; a real magasin's stock may not.
 */
export async function allPages<T>(
  page: (query: { limit: number; offset: number }) => Promise<readonly T[]>,
): Promise<T[]> {
  const items: T[] = [];
  for (let n = 0; n < MAX_PAGES; n += 1) {
    const got = await page({ limit: PAGE_SIZE, offset: n * PAGE_SIZE });
    items.push(...got);
    if (got.length < PAGE_SIZE) break;
  }
  return items;
}
