import { ACTION_WORDS } from '../lib/action-labels.js';
import type { ActionKind } from '../lib/api-types.js';
import { shortId } from '../lib/format.js';
import type { ActionRequest } from '../lib/use-operator-action.js';
import { Button, ButtonRow } from './button.js';

const ACTIONS: readonly ActionKind[] = ['reprendre', 'annuler'];

/**
 * "Reprendre" and "Annuler" for a saga that waits for an operator (`the`: « la commande »,
 * « l’inscription »); each asks for a motif first. Named after the saga, so a list of them
 * reads well to screen readers. Small, they fit a table row.
 */
export function OperatorButtons({
  id,
  busy,
  onAsk,
  small = false,
  the = 'la commande',
}: {
  id: string;
  busy: ActionRequest | null;
  onAsk: (action: ActionKind, id: string) => void;
  small?: boolean;
  the?: string;
}) {
  return (
    <ButtonRow nowrap={small}>
      {ACTIONS.map((action) => {
        const words = ACTION_WORDS[action];
        const running = busy?.id === id && busy.action === action;
        return (
          <Button
            key={action}
            variant={action === 'reprendre' ? 'primary' : 'danger'}
            size={small ? 'small' : undefined}
            disabled={busy !== null}
            aria-label={`${words.verbe} ${the} ${shortId(id)}`}
            onClick={() => onAsk(action, id)}
          >
            {running ? words.enCours : small ? words.verbe : `${words.verbe} ${the}`}
          </Button>
        );
      })}
    </ButtonRow>
  );
}
