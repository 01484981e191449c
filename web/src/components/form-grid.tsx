import type { ReactNode } from 'react';
import type { FormState } from '../lib/use-form.js';
import { Button, ButtonRow } from './button.js';
import styles from './form-grid.module.css';
import { ErrorMessage } from './status.js';

/** A field that takes the whole row of a FormGrid (a text area, a motif, a message). */
export const Wide = ({ children }: { children: ReactNode }) => (
  <div className={styles.wide}>{children}</div>
);

/**
 * A form's fields side by side (one under the other on a narrow screen), then what the
 * server refused, then its submit button, busy while it is sent. The browser's own
 * validation is off: each field says what is wrong next to it.
 */
export function FormGrid<F>({
  label,
  form,
  submitLabel,
  failure = (error) => <ErrorMessage error={error} title="Non enregistré :" />,
  children,
}: {
  /** The form's accessible name. */
  label: string;
  form: FormState<F>;
  submitLabel: string;
  failure?: (error: unknown) => ReactNode;
  children: ReactNode;
}) {
  return (
    <form className={styles.form} aria-label={label} onSubmit={form.onSubmit} noValidate>
      {children}
      {form.failure !== undefined && <Wide>{failure(form.failure)}</Wide>}
      <ButtonRow className={styles.wide}>
        <Button type="submit" variant="primary" disabled={form.busy}>
          {form.busy ? 'Enregistrement…' : submitLabel}
        </Button>
      </ButtonRow>
    </form>
  );
}
