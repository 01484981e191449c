import { actionBy } from '../../../lib/action-labels.js';
import { compensationLabel, etapeLabel } from '../../../lib/etat-labels.js';
import { codeText } from '../../../lib/error-text.js';
import { formatCents, plural } from '../../../lib/format.js';
import u from '../../../styles/utilities.module.css';
import type { CompensationRun, TimelineStep } from '../utils/timeline-model.js';
import styles from './step-details.module.css';

function tentativesText(n: number): string {
  if (n <= 1) return '1 tentative';
  const retries = n - 1;
  return `${plural(n, 'tentative', 'tentatives')} (${retries === 1 ? '1 nouvel essai' : `${retries} nouveaux essais`})`;
}

/** The step's facts in one line: which step, how many tries, amounts, the sale, a resume. */
function stepFacts(step: TimelineStep): string[] {
  const facts: string[] = [];
  if (step.etape) facts.push(`Étape « ${etapeLabel(step.etape)} »`);
  if (step.tentatives !== undefined && !step.compensationEchouee) {
    facts.push(tentativesText(step.tentatives));
  }
  if (step.lignes !== undefined) facts.push(plural(step.lignes, 'ligne', 'lignes'));
  if (step.totalCents !== undefined) facts.push(`total ${formatCents(step.totalCents)}`);
  if (step.montantCents !== undefined) facts.push(`${formatCents(step.montantCents)} débités`);
  if (step.venteId !== undefined) facts.push(`vente n° ${step.venteId}`);
  if (step.reprise && !step.operateur)
    facts.push(
      step.reprise === 'operateur' ? 'Reprise par un opérateur' : `Reprise (${step.reprise})`,
    );
  return facts;
}

function Runs({ runs }: { runs: readonly CompensationRun[] }) {
  return (
    <ul className={styles.runs}>
      {runs.map((r) => (
        <li key={r.compensation}>
          <span aria-hidden="true">✓ </span>
          {compensationLabel(r.compensation)} réussi{r.compensation === 'liberer_stock' ? 'e' : ''}{' '}
          <span className={u.muted}>({tentativesText(r.tentatives)})</span>
        </li>
      ))}
    </ul>
  );
}

function Compensations({ runs }: { runs: readonly CompensationRun[] }) {
  return (
    <div className={styles.compensations}>
      {runs.length === 0 ? (
        <p>Aucune compensation nécessaire : rien n’avait été fait.</p>
      ) : (
        <>
          <p>Compensations exécutées, dans l’ordre :</p>
          <Runs runs={runs} />
        </>
      )}
    </div>
  );
}

function FailedCompensation({
  failed,
}: {
  failed: NonNullable<TimelineStep['compensationEchouee']>;
}) {
  return (
    <div className={styles.compensations}>
      <p className={styles.error}>
        {compensationLabel(failed.compensation)} a échoué après{' '}
        {plural(failed.tentatives, 'tentative', 'tentatives')} :{' '}
        {codeText(failed.code) ?? failed.code} <code>{failed.code}</code>
      </p>
      {failed.message && <p className={u.muted}>{failed.message}</p>}
      {failed.faites.length > 0 && (
        <>
          <p>Déjà faites avant cet échec :</p>
          <Runs runs={failed.faites} />
        </>
      )}
    </div>
  );
}

/** What happened at one step: the operator's action, the facts, the error, the compensations. */
export function StepDetails({ step }: { step: TimelineStep }) {
  const facts = stepFacts(step);
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
      {step.compensations && <Compensations runs={step.compensations} />}
      {failed && <FailedCompensation failed={failed} />}
    </>
  );
}
