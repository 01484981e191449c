import { Spinner } from '../../../components/status.js';
import { cx } from '../../../lib/cx.js';
import { ETAT_LABELS, etatTone } from '../../../lib/etat-labels.js';
import { formatDuration, formatTime } from '../../../lib/format.js';
import { toneStyle } from '../../../lib/tone.js';
import type { TimelineStep } from '../utils/timeline-model.js';
import { StepDetails } from './step-details.js';
import styles from './timeline.module.css';

function Step({ step }: { step: TimelineStep }) {
  return (
    <li className={styles.step} style={toneStyle(etatTone(step.etat))}>
      <span className={styles.dot} aria-hidden="true" />
      <div className={styles.head}>
        <h3>{ETAT_LABELS[step.etat]}</h3>
        <code className={styles.code}>{step.etat}</code>
      </div>
      <p className={styles.time}>
        <time dateTime={step.at}>{formatTime(step.at)}</time>
        {step.sinceMs !== null && (
          <span className={styles.duration}>+{formatDuration(step.sinceMs)}</span>
        )}
      </p>
      <StepDetails step={step} />
    </li>
  );
}

/** The saga as it happened: each état, when, how long after the previous, how. */
export function Timeline({ steps, live }: { steps: readonly TimelineStep[]; live: boolean }) {
  return (
    <ol className={styles.timeline}>
      {steps.map((step, i) => (
        <Step key={`${step.etat}-${i}`} step={step} />
      ))}
      {live && (
        <li className={cx(styles.step, styles.waiting)}>
          <span className={styles.dot} aria-hidden="true" />
          <p>
            <Spinner /> Étape suivante en cours…
          </p>
        </li>
      )}
    </ol>
  );
}
