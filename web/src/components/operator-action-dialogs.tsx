import type { OperatorAction } from '../lib/use-operator-action.js';
import { ActionMessage } from './action-message.js';
import { MotifDialog } from './motif-dialog.js';

/** An operator action in progress: the motif asked first, then what the action gave. */
export function OperatorActionDialogs<S extends { id: string }>({
  op,
  link = true,
}: {
  op: OperatorAction<S>;
  link?: boolean;
}) {
  return (
    <>
      {op.asking && (
        <MotifDialog
          request={op.asking}
          the={op.subject.the}
          explain={op.subject.explain[op.asking.action]}
          onConfirm={(motif) => void op.confirm(motif)}
          onDismiss={op.dismiss}
        />
      )}
      {op.result && <ActionMessage subject={op.subject} result={op.result} link={link} />}
    </>
  );
}
