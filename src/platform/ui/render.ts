import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full page. Preact escapes every text and attribute value, so views never build HTML by hand. */
export function renderPage(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}
