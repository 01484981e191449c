import { PageHeader } from '../components/page-header.js';
import { Link } from '../lib/router.js';

function MessagePage({ title, text, home }: { title: string; text: string; home: string }) {
  return (
    <>
      <PageHeader title={title} description={text} />
      <p>
        <Link to={home}>Retour à l’accueil</Link>
      </p>
    </>
  );
}

export const NotFoundPage = ({ home }: { home: string }) => (
  <MessagePage
    title="Page introuvable"
    text="Cette adresse ne correspond à aucune page."
    home={home}
  />
);

export const ForbiddenPage = ({ home }: { home: string }) => (
  <MessagePage
    title="Accès réservé"
    text="Cette page est réservée à un autre type de compte (opérateur ou client)."
    home={home}
  />
);
