import { buttonClass } from '../../../components/button.js';
import { PageHeader } from '../../../components/page-header.js';
import { paths } from '../../../lib/paths.js';
import { Link } from '../../../lib/router.js';
import { ClientAccount } from './client-account.js';

/** One client account: its balance and the operator's credit. */
export function ClientPage({ id }: { id: number }) {
  return (
    <>
      <PageHeader
        title={`Client n° ${id}`}
        description="Le compte, son solde, et le crédit qu’un opérateur peut y ajouter."
        actions={
          <Link className={buttonClass()} to={paths.clientsConsole}>
            Tous les comptes
          </Link>
        }
      />
      <ClientAccount id={id} />
    </>
  );
}
