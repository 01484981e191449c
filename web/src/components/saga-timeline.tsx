import { cx } from '../lib/cx.js';
import { formatDuration, formatTime } from '../lib/format.js';
import type { SagaWords } from '../lib/saga-words.js';
import type { TimelineStep } from '../lib/timeline-model.js';
import { toneStyle } from '../lib/tone.js';
import styles from './saga-timeline.module.css';
import { Spinner } from './status.js';
import { StepDetails } from './step-details.js';

function Step<E extends string>({ step, words }: { step: TimelineStep<E>; words: SagaWords<E> }) {
  return (
    <li className={styles.step} style={toneStyle(words.tone(step.etat))}>
      <span className={styles.dot} aria-hidden="true" />
      <div className={styles.head}>
        <h3>{words.label[step.etat]}</h3>
        <code className={styles.code}>{step.etat}</code>
      </div>
      <p className={styles.time}>
        <time dateTime={step.at}>{formatTime(step.at)}</time>
        {step.sinceMs !== null && (
          <span className={styles.duration}>+{formatDuration(step.sinceMs)}</span>
        )}
      </p>
      <StepDetails step={step} words={words} />
    </li>
  );
}

/** A saga as it happened (a commande, a sign-up): each état, when, how long after the previous, how. */
export function Timeline<E extends string>({
  steps,
  live,
  words,
}: {
  steps: readonly TimelineStep<E>[];
  live: boolean;
  words: SagaWords<E>;
}) {
  return (
    <ol className={styles.timeline}>
      {steps.map((step, i) => (
        <Step key={`${step.etat}-${i}`} step={step} words={words} />
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
