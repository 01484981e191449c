import { actionBy } from '../../../lib/action-labels.js';
import { compensationLabel, ETAT_LABELS, etapeLabel, etatTone } from '../../../lib/etat-labels.js';
import { codeText } from '../../../lib/error-text.js';
import { formatCents, formatDuration, formatTime, plural } from '../../../lib/format.js';
import type { CompensationRun, TimelineStep } from '../utils/timeline-model.js';

function tentativesText(n: number): string {
  if (n <= 1) return '1 tentative';
  const retries = n - 1;
  return `${plural(n, 'tentative', 'tentatives')} (${retries === 1 ? '1 nouvel essai' : `${retries} nouveaux essais`})`;
}

function Runs({ runs }: { runs: readonly CompensationRun[] }) {
  return (
    <ul className="runs">
      {runs.map((r) => (
        <li key={r.compensation}>
          <span aria-hidden="true">✓ </span>
          {compensationLabel(r.compensation)} réussi{r.compensation === 'liberer_stock' ? 'e' : ''}{' '}
          <span className="muted">({tentativesText(r.tentatives)})</span>
        </li>
      ))}
    </ul>
  );
}

function StepDetails({ step }: { step: TimelineStep }) {
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
  const failed = step.compensationEchouee;
  const op = step.operateur;
  return (
    <>
      {op && (
        <p className="step-operateur">
          <strong>{actionBy(op.action, op.par)}</strong>
          {op.motif && ` : « ${op.motif} »`}
        </p>
      )}
      {facts.length > 0 && <p className="step-facts">{facts.join(' · ')}</p>}
      {step.code && !failed && (
        <p className="step-error">
          {codeText(step.code) ?? step.code} <code>{step.code}</code>
          {step.status ? ` · HTTP ${step.status}` : ''}
        </p>
      )}
      {step.compensations && (
        <div className="step-compensations">
          {step.compensations.length === 0 ? (
            <p>Aucune compensation nécessaire : rien n’avait été fait.</p>
          ) : (
            <>
              <p>Compensations exécutées, dans l’ordre :</p>
              <Runs runs={step.compensations} />
            </>
          )}
        </div>
      )}
      {failed && (
        <div className="step-compensations">
          <p className="step-error">
            {compensationLabel(failed.compensation)} a échoué après{' '}
            {plural(failed.tentatives, 'tentative', 'tentatives')} :{' '}
            {codeText(failed.code) ?? failed.code} <code>{failed.code}</code>
          </p>
          {failed.message && <p className="muted">{failed.message}</p>}
          {failed.faites.length > 0 && (
            <>
              <p>Déjà faites avant cet échec :</p>
              <Runs runs={failed.faites} />
            </>
          )}
        </div>
      )}
    </>
  );
}

/** The saga as it happened: each état, when, how long after the previous, how. */
export function Timeline({ steps, live }: { steps: readonly TimelineStep[]; live: boolean }) {
  return (
    <ol className="timeline">
      {steps.map((step, i) => (
        <li key={`${step.etat}-${i}`} className={`timeline-step tone-${etatTone(step.etat)}`}>
          <span className="timeline-dot" aria-hidden="true" />
          <div className="timeline-head">
            <h3>{ETAT_LABELS[step.etat]}</h3>
            <code className="etat-code">{step.etat}</code>
          </div>
          <p className="timeline-time">
            <time dateTime={step.at}>{formatTime(step.at)}</time>
            {step.sinceMs !== null && (
              <span className="duration">+{formatDuration(step.sinceMs)}</span>
            )}
          </p>
          <StepDetails step={step} />
        </li>
      ))}
      {live && (
        <li className="timeline-step timeline-waiting">
          <span className="timeline-dot" aria-hidden="true" />
          <p>
            <span className="spinner" aria-hidden="true" /> Étape suivante en cours…
          </p>
        </li>
      )}
    </ol>
  );
}
