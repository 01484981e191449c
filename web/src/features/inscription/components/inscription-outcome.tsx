import { Button } from '../../../components/button.js';
import { ErrorMessage, Notice } from '../../../components/status.js';
import { ApiError } from '../../../lib/api/client.js';
import type { Inscription } from '../../../lib/api-types.js';
import { describeError, waitText } from '../../../lib/error-text.js';
import { shortId } from '../../../lib/format.js';
import { INSCRIPTION_ROLES } from '../../../lib/inscription-table.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import type { InscriptionOutcome } from '../hooks/use-inscription.js';

const LoginLink = () => <Link to={paths.connexion}>Se connecter</Link>;

/** 409, 429 and other refusals, in words; nothing was created. */
function Refusal({ error }: { error: unknown }) {
  if (error instanceof ApiError && error.code === 'COMPTE_EXISTANT') {
    return (
      <Notice tone="error" role="alert">
        {describeError(error)} Choisissez-en d’autres, ou connectez-vous si ce compte est le vôtre :{' '}
        <LoginLink />.
      </Notice>
    );
  }
  if (error instanceof ApiError && error.status === 429) {
    const wait = error.retryAfterS === undefined ? 'un moment' : waitText(error.retryAfterS);
    return (
      <Notice tone="error" role="alert">
        Trop de tentatives depuis cette adresse : votre compte n’a pas été créé. Réessayez dans{' '}
        {wait}.
      </Notice>
    );
  }
  return <ErrorMessage error={error} title="Votre compte n’a pas été créé." />;
}

/** 502: the saga ended without an account; whatever it had made is (being) undone. */
function Failed({ inscription }: { inscription: Inscription }) {
  const parked = inscription.etat === INSCRIPTION_ROLES.parked;
  return (
    <Notice tone="error" role="alert">
      <strong>Votre compte n’a pas pu être créé</strong> : un service ne répondait pas.{' '}
      {parked
        ? 'Un opérateur termine l’annulation de ce qui avait été préparé ; réessayez plus tard.'
        : 'Rien n’a été conservé : vous pouvez réessayer dans un instant.'}{' '}
      (Référence {shortId(inscription.id)}.)
    </Notice>
  );
}

/** What became of the last submission, unless it is about a field (shown next to it). */
export function InscriptionOutcomeView({
  outcome,
  onRetry,
}: {
  outcome: InscriptionOutcome | null;
  onRetry: () => void;
}) {
  switch (outcome?.kind) {
    case undefined:
    case 'champs':
      return null;
    case 'refusee':
      return <Refusal error={outcome.error} />;
    case 'echouee':
      return <Failed inscription={outcome.inscription} />;
    case 'a-reessayer':
      return (
        <Notice tone="attention" role="alert">
          {outcome.error === null
            ? 'Votre inscription est toujours en cours.'
            : describeError(outcome.error)}{' '}
          Réessayer ne créera pas de second compte.{' '}
          <Button size="small" onClick={onRetry}>
            Réessayer
          </Button>
        </Notice>
      );
    case 'connexion-echouee':
      return (
        <Notice tone="attention" role="alert">
          Votre compte est créé, mais la connexion a échoué ({describeError(outcome.error)}).{' '}
          <LoginLink /> avec votre nom d’utilisateur et votre mot de passe.
        </Notice>
      );
    default: {
      const never: never = outcome;
      return never;
    }
  }
}
