import type { ComponentChildren } from 'preact';

export interface ButtonProps {
  children: ComponentChildren;
  variant?: 'primary' | 'secondary' | 'warning';
  /** A link styled as a button (for "Start now" and similar navigation). */
  href?: string;
  type?: 'submit' | 'button';
  name?: string;
  value?: string;
}

export function Button({ children, variant = 'primary', href, type = 'submit', name, value }: ButtonProps) {
  const className = variant === 'primary' ? 'button' : `button button--${variant}`;
  if (href !== undefined) {
    return (
      <a href={href} draggable={false} class={className}>
        {children}
      </a>
    );
  }
  return (
    <button type={type} class={className} name={name} value={value}>
      {children}
    </button>
  );
}
