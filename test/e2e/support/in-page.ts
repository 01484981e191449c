/**
 * What the callbacks run inside the page (page.evaluate) use of the browser's globals:
 * the test program is compiled without the DOM library, so they are named here.
 */
export interface InPage {
  document: { activeElement: unknown; fonts: { ready: Promise<unknown> } };
  history: { pushState(state: unknown, unused: string, url: string): void };
  dispatchEvent(event: unknown): boolean;
  PopStateEvent: new (type: string) => unknown;
  axe: { run(context: unknown): Promise<AxeResults> };
}

export interface AxeResults {
  violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
}
