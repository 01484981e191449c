import { PageHeader } from '../components/page-header.js';
import { Link } from '../lib/router.js';

export function NotFoundPage({ home }: { home: string }) {
  return (
    <>
      <PageHeader
        title="Page introuvable"
        description="Cette adresse ne correspond à aucune page."
      />
      <p>
        <Link to={home}>Retour à l’accueil</Link>
      </p>
    </>
  );
}

export function ForbiddenPage({ home }: { home: string }) {
  return (
    <>
      <PageHeader
        title="Accès réservé"
        description="Cette page est réservée à un autre type de compte (opérateur ou client)."
      />
      <p>
        <Link to={home}>Retour à l’accueil</Link>
      </p>
    </>
  );
}
