import type { ReactNode } from 'react';
import type { HistoriqueRecord } from '../lib/api-types.js';
import { PageHeader } from './page-header.js';
import { type FieldWords, RecordHistory } from './record-history.js';
import { QueryView } from './status.js';
import { TwoColumns } from './two-columns.js';

interface Query<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * The page of one record an operator changes (a produit, a magasin): its header, then what
 * `main` shows of it (facts, the form to change it) beside its history.
 */
export function RecordPage<R>({
  kind,
  heading,
  description,
  actions,
  record,
  historique,
  words,
  main,
}: {
  /** "produit", "magasin": the history's heading and the loading message say it. */
  kind: string;
  heading: string;
  description: string | undefined;
  actions: ReactNode;
  record: Query<R>;
  historique: Query<HistoriqueRecord>;
  words: FieldWords;
  main: (record: R) => ReactNode;
}) {
  return (
    <>
      <PageHeader title={heading} description={description} actions={actions} />
      <QueryView query={record} label={`Chargement du ${kind}…`}>
        {(r) => (
          <TwoColumns>
            <div>{main(r)}</div>
            <RecordHistory
              id={`historique-${kind}-title`}
              title={`Historique du ${kind}`}
              query={historique}
              words={words}
            />
          </TwoColumns>
        )}
      </QueryView>
    </>
  );
}
