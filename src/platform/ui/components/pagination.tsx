import type { PageContext } from '../context.ts';

export interface PaginationProps {
  ctx: PageContext;
  /** 1-based. */
  currentPage: number;
  totalPages: number;
  hrefFor: (page: number) => string;
}

/**
 * The page numbers to show: the first, the last, and the current page with its neighbours; a gap of
 * more than one page becomes an ellipsis (a gap of exactly one shows that page instead).
 */
export function pageItems(currentPage: number, totalPages: number): (number | 'ellipsis')[] {
  const shown = [...new Set([1, currentPage - 1, currentPage, currentPage + 1, totalPages])]
    .filter((page) => page >= 1 && page <= totalPages)
    .sort((a, b) => a - b);
  const items: (number | 'ellipsis')[] = [];
  let previous = 0;
  for (const page of shown) {
    if (page - previous === 2) items.push(previous + 1);
    else if (page - previous > 2) items.push('ellipsis');
    items.push(page);
    previous = page;
  }
  return items;
}

/** Links between the pages of a long list. Renders nothing when everything fits on one page. */
export function Pagination({ ctx, currentPage, totalPages, hrefFor }: PaginationProps) {
  if (totalPages <= 1) return null;
  const current = Math.min(Math.max(currentPage, 1), totalPages);
  return (
    <nav aria-label={ctx.t('ui.pagination.label')}>
      <ul class="pagination">
        {current > 1 ? (
          <li>
            <a href={hrefFor(current - 1)} rel="prev">
              {ctx.t('ui.pagination.previous')}
            </a>
          </li>
        ) : null}
        {pageItems(current, totalPages).map((item, index) =>
          item === 'ellipsis' ? (
            <li key={`ellipsis-${index}`}>
              <span>…</span>
            </li>
          ) : (
            <li key={item}>
              <a href={hrefFor(item)} aria-label={ctx.t('ui.pagination.page', { page: item })} aria-current={item === current ? 'page' : undefined}>
                {item}
              </a>
            </li>
          ),
        )}
        {current < totalPages ? (
          <li>
            <a href={hrefFor(current + 1)} rel="next">
              {ctx.t('ui.pagination.next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
