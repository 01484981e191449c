import type { OperatorAction } from '../lib/use-operator-action.js';
import { ActionMessage } from './action-message.js';
import { MotifDialog } from './motif-dialog.js';

/** An operator action in progress: the motif asked first, then what the action gave. */
export function OperatorActionDialogs({ op, link = true }: { op: OperatorAction; link?: boolean }) {
  return (
    <>
      {op.asking && (
        <MotifDialog
          request={op.asking}
          onConfirm={(motif) => void op.confirm(motif)}
          onDismiss={op.dismiss}
        />
      )}
      {op.result && <ActionMessage result={op.result} link={link} />}
    </>
  );
}
