import { PageHeader } from '../../../components/page-header.js';
import { Notice, QueryView } from '../../../components/status.js';
import { TwoColumns } from '../../../components/two-columns.js';
import { useQuery } from '../../../lib/use-query.js';
import { demoModeOn, getAllPannes, PARTICIPANTS } from '../api/pannes-api.js';
import { ParticipantCard } from './participant-card.js';
import { Scenarios } from './scenarios.js';

const REFRESH_MS = 2000;

/** Demo fault switches: make a participant fail on purpose and watch the saga cope. */
export function PannesPage() {
  const query = useQuery('pannes', getAllPannes, { refreshMs: REFRESH_MS });
  return (
    <>
      <PageHeader
        title="Pannes simulées"
        description="Mode démonstration : programmez les prochains appels d’un service pour qu’il tombe en panne, ralentisse ou refuse, et regardez la saga réessayer ou compenser."
      />
      <QueryView query={query} label="Lecture des pannes…">
        {(state) =>
          !demoModeOn(state) ? (
            <Notice>
              Le mode démonstration est désactivé : les services tournent sans interrupteurs de
              panne (DEMO_FAULTS=false).
            </Notice>
          ) : (
            <>
              <Scenarios onChanged={query.reload} />
              <TwoColumns>
                {PARTICIPANTS.map((p) => {
                  const etat = state[p];
                  return etat ? (
                    <ParticipantCard key={p} participant={p} etat={etat} onChanged={query.reload} />
                  ) : null;
                })}
              </TwoColumns>
            </>
          )
        }
      </QueryView>
    </>
  );
}
