import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import { Button } from './button.tsx';

describe('Button', () => {
  it('renders a link styled as a button when given an href', () => {
    const html = renderToString(<Button href="/start">Mulai</Button>);
    expect(html).toBe('<a href="/start" draggable="false" class="button">Mulai</a>');
  });

  it('escapes its text', () => {
    const html = renderToString(<Button>{'<script>alert(1)</script>'}</Button>);
    expect(html).toContain('&lt;script');
    expect(html).not.toContain('<script');
  });
});
