import type { Knex } from 'knex';
import { notFound } from '../../lib/errors.js';
import type {
  Inscription,
  InscriptionAction,
  InscriptionFilter,
} from '../inscription/inscription.js';
import { findSagaActions } from '../data/saga-actions-repo.js';
import { findSaga, findSagaHistory, listSagas, toSagaRecord } from '../data/sagas-repo.js';

/** Reading sign-ups (operators): one with its history, or recent ones. */
export class InscriptionQueries {
  constructor(
    private readonly db: Knex,
    /** The saga's name in the generic table. */
    private readonly nom: string,
  ) {}

  async get(id: string): Promise<Inscription> {
    const [row, history, actions] = await Promise.all([
      findSaga(this.db, this.nom, id),
      findSagaHistory(this.db, id),
      findSagaActions(this.db, id),
    ]);
    if (!row) throw notFound(`Inscription ${id} not found`, 'INSCRIPTION_INCONNUE');
    return { ...toSagaRecord(row, history), actions: actions as InscriptionAction[] };
  }

  async list(filter: InscriptionFilter): Promise<Inscription[]> {
    const rows = await listSagas(this.db, this.nom, filter);
    return rows.map((r) => toSagaRecord(r, []));
  }
}
