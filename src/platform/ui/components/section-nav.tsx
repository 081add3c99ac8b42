import type { PageContext } from '../context.ts';
import { allowedItems, currentHref, type StaffNavItem } from '../navigation.ts';

export interface SectionNavProps {
  ctx: PageContext;
  /** The accessible name of the menu, telling it apart from the main menu. */
  label: string;
  items: readonly StaffNavItem[];
}

/** A staff section's menu: only the entries the person may open, the page being shown marked as current. */
export function SectionNav({ ctx, label, items }: SectionNavProps) {
  const links = allowedItems(items, ctx.can ?? (() => false));
  if (links.length === 0) return null;
  const current = currentHref(ctx.path, links);
  return (
    <nav class="backoffice-nav" aria-label={label}>
      <ul class="list">
        {links.map((link) => (
          <li key={link.href}>
            <a href={link.href} aria-current={link.href === current ? 'page' : undefined}>
              {ctx.t(link.labelKey)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
