/**
 * Where a trace UI (Jaeger, Grafana…) shows one trace: the build-time VITE_TRACE_UI_URL
 * (README "Traces"), a template where `{traceId}` stands for the id, or an address the id is
 * appended to (`http://127.0.0.1:16686/trace/`). Unset or empty: no trace UI, no link.
 */
const configured: unknown = import.meta.env.VITE_TRACE_UI_URL;

const PLACEHOLDER = '{traceId}';

/** The address of trace `traceId` under `template`, or undefined when there is none. */
export function traceUrl(traceId: string, template: unknown = configured): string | undefined {
  if (typeof template !== 'string' || template.trim() === '') return undefined;
  const id = encodeURIComponent(traceId);
  const t = template.trim();
  return t.includes(PLACEHOLDER) ? t.split(PLACEHOLDER).join(id) : `${t}${id}`;
}
