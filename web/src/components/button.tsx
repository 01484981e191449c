import type { ButtonHTMLAttributes, ReactNode } from 'react';
import { cx } from '../lib/cx.js';
import styles from './button.module.css';

export type ButtonVariant = 'primary' | 'danger' | 'ghost' | 'link' | 'icon';
export type ButtonSize = 'small' | 'large';

export interface ButtonLook {
  variant?: ButtonVariant | undefined;
  size?: ButtonSize | undefined;
  className?: string | undefined;
}

/** The classes of a button's look, for a link that must look like one too. */
export function buttonClass({ variant, size, className }: ButtonLook = {}): string {
  return cx(styles.button, variant && styles[variant], size && styles[size], className);
}

/** A button (type="button" unless told otherwise) in one of the app's looks. */
export function Button({
  variant,
  size,
  className,
  type = 'button',
  ...props
}: ButtonLook & ButtonHTMLAttributes<HTMLButtonElement>) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}

/** Buttons side by side, wrapping when there is no room (unless `nowrap`, e.g. in a table row). */
export function ButtonRow({
  className,
  nowrap = false,
  children,
}: {
  className?: string;
  nowrap?: boolean;
  children: ReactNode;
}) {
  return <span className={cx(styles.row, nowrap && styles.nowrap, className)}>{children}</span>;
}
