import { traceUrl } from '../../../lib/trace-link.js';
import u from '../../../styles/utilities.module.css';
import styles from './trace-ref.module.css';

/**
 * The commande's trace id (README "Traces"), quietly at the foot of the page, linked to the
 * trace UI when the build names one. Nothing when the commande was created untraced.
 */
export function TraceRef({ traceId }: { traceId: string | null | undefined }) {
  if (!traceId) return null;
  const href = traceUrl(traceId);
  return (
    <p className={styles.trace}>
      Trace <code className={styles.id}>{traceId}</code>
      {href && (
        <>
          {' · '}
          <a href={href} target="_blank" rel="noreferrer">
            Voir la trace<span className={u.visuallyHidden}> (nouvel onglet)</span>
          </a>
        </>
      )}
    </p>
  );
}
