import { actionBy } from '../lib/action-labels.js';
import { codeText } from '../lib/error-text.js';
import { formatCents, plural } from '../lib/format.js';
import type { SagaWords } from '../lib/saga-words.js';
import type { CompensationRun, TimelineStep } from '../lib/timeline-model.js';
import u from '../styles/utilities.module.css';
import styles from './step-details.module.css';

/** What the details need of a saga's words (any saga's: the état type does not matter). */
type Words = Pick<SagaWords<string>, 'etape' | 'compensation' | 'feminine'>;

function tentativesText(n: number): string {
  if (n <= 1) return '1 tentative';
  const retries = n - 1;
  return `${plural(n, 'tentative', 'tentatives')} (${retries === 1 ? '1 nouvel essai' : `${retries} nouveaux essais`})`;
}

/** The step's facts in one line: which step, how many tries, amounts, the sale, a resume. */
function stepFacts(step: TimelineStep<string>, words: Words): string[] {
  const facts: string[] = [];
  if (step.etape) facts.push(`Étape « ${words.etape(step.etape)} »`);
  if (step.tentatives !== undefined && !step.compensationEchouee) {
    facts.push(tentativesText(step.tentatives));
  }
  if (step.lignes !== undefined) facts.push(plural(step.lignes, 'ligne', 'lignes'));
  if (step.totalCents !== undefined) facts.push(`total ${formatCents(step.totalCents)}`);
  if (step.montantCents !== undefined) facts.push(`${formatCents(step.montantCents)} débités`);
  if (step.venteId !== undefined) facts.push(`vente n° ${step.venteId}`);
  if (step.clientId !== undefined) facts.push(`compte client n° ${step.clientId}`);
  if (step.reprise && !step.operateur)
    facts.push(
      step.reprise === 'operateur' ? 'Reprise par un opérateur' : `Reprise (${step.reprise})`,
    );
  return facts;
}

function Runs({ runs, words }: { runs: readonly CompensationRun[]; words: Words }) {
  return (
    <ul className={styles.runs}>
      {runs.map((r) => (
        <li key={r.compensation}>
          <span aria-hidden="true">✓ </span>
          {words.compensation(r.compensation)} réussi{words.feminine(r.compensation) ? 'e' : ''}{' '}
          <span className={u.muted}>({tentativesText(r.tentatives)})</span>
        </li>
      ))}
    </ul>
  );
}

function Compensations({ runs, words }: { runs: readonly CompensationRun[]; words: Words }) {
  return (
    <div className={styles.compensations}>
      {runs.length === 0 ? (
        <p>Aucune compensation nécessaire : rien n’avait été fait.</p>
      ) : (
        <>
          <p>Compensations exécutées, dans l’ordre :</p>
          <Runs runs={runs} words={words} />
        </>
      )}
    </div>
  );
}

function FailedCompensation({
  failed,
  words,
}: {
  failed: NonNullable<TimelineStep['compensationEchouee']>;
  words: Words;
}) {
  return (
    <div className={styles.compensations}>
      <p className={styles.error}>
        {words.compensation(failed.compensation)} a échoué après{' '}
        {plural(failed.tentatives, 'tentative', 'tentatives')} :{' '}
        {codeText(failed.code) ?? failed.code} <code>{failed.code}</code>
      </p>
      {failed.message && <p className={u.muted}>{failed.message}</p>}
      {failed.faites.length > 0 && (
        <>
          <p>Déjà faites avant cet échec :</p>
          <Runs runs={failed.faites} words={words} />
        </>
      )}
    </div>
  );
}

/** What happened at one step: the operator's action, the facts, the error, the compensations. */
export function StepDetails({ step, words }: { step: TimelineStep<string>; words: Words }) {
  const facts = stepFacts(step, words);
  const failed = step.compensationEchouee;
  const op = step.operateur;
  return (
    <>
      {op && (
        <p className={styles.operateur}>
          <strong>{actionBy(op.action, op.par)}</strong>
          {op.motif && ` : « ${op.motif} »`}
        </p>
      )}
      {facts.length > 0 && <p className={styles.facts}>{facts.join(' · ')}</p>}
      {step.code && !failed && (
        <p className={styles.error}>
          {codeText(step.code) ?? step.code} <code>{step.code}</code>
          {step.status ? ` · HTTP ${step.status}` : ''}
        </p>
      )}
      {step.compensations && <Compensations runs={step.compensations} words={words} />}
      {failed && <FailedCompensation failed={failed} words={words} />}
    </>
  );
}
