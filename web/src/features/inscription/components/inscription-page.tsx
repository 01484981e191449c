import { useEffect, useState } from 'react';
import { Panel } from '../../../components/panel.js';
import { TwoColumns } from '../../../components/two-columns.js';
import type { InscriptionRequest } from '../../../lib/api-types.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import u from '../../../styles/utilities.module.css';
import { useInscription } from '../hooks/use-inscription.js';
import { FIELDS } from '../utils/field-errors.js';
import { InscriptionForm } from './inscription-form.js';
import { InscriptionOutcomeView } from './inscription-outcome.js';
import styles from './inscription-page.module.css';

const EMPTY: InscriptionRequest = { nom: '', email: '', username: '', password: '' };

function About() {
  return (
    <Panel aria-labelledby="about-title" className={styles.about}>
      <h2 id="about-title">Votre compte client</h2>
      <ul>
        <li>Vous êtes connecté dès la création du compte, votre panier est vide.</li>
        <li>
          Le solde du compte commence à 0 € : un opérateur le crédite avant votre première commande.
        </li>
        <li>Votre mot de passe n’est jamais conservé en clair.</li>
      </ul>
      <p>
        Déjà un compte ? <Link to={paths.connexion}>Se connecter</Link>
      </p>
    </Panel>
  );
}

/** A new customer opens their account, then lands signed in on the shop (`signIn`). */
export function InscriptionPage({
  signIn,
}: {
  signIn: (username: string, password: string) => Promise<void>;
}) {
  const [value, setValue] = useState<InscriptionRequest>(EMPTY);
  const { send, pending, outcome } = useInscription(signIn);
  const errors = outcome?.kind === 'champs' ? outcome.errors : {};
  // A refused form takes the person to its first wrong field (its error is read with it).
  useEffect(() => {
    if (outcome?.kind !== 'champs') return;
    const first = FIELDS.find((f) => outcome.errors[f] !== undefined);
    if (first) document.getElementById(`inscription-${first}`)?.focus();
  }, [outcome]);
  return (
    <TwoColumns>
      <Panel aria-labelledby="page-title">
        <h1 id="page-title" tabIndex={-1}>
          Créer un compte
        </h1>
        <p className={u.muted}>Quelques informations, et vous pouvez faire vos achats.</p>
        <InscriptionOutcomeView outcome={outcome} onRetry={() => void send(value)} />
        <InscriptionForm
          value={value}
          errors={errors}
          pending={pending}
          onChange={setValue}
          onSubmit={() => void send(value)}
        />
      </Panel>
      <About />
    </TwoColumns>
  );
}
