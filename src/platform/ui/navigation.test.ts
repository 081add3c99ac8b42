import { describe, expect, it } from 'vitest';
import { roleHasPermission } from '../auth/permissions.ts';
import { ADMIN_NAV_ITEMS, allowedItems, currentHref, isCurrent, STAFF_NAV_ITEMS } from './navigation.ts';

describe('main menu', () => {
  it.each([
    ['/', '/', true],
    ['/?q=ktp', '/', true],
    ['/api/docs', '/', false],
    ['/api/docs/static/index.html', '/api/docs', true],
    ['/api/docsx', '/api/docs', false],
  ])('marks %s as current for %s: %s', (path, href, expected) => {
    expect(isCurrent(path, href)).toBe(expected);
  });
});

describe('staff menus', () => {
  const hrefsFor = (role: Parameters<typeof roleHasPermission>[0]) =>
    allowedItems([...STAFF_NAV_ITEMS, ...ADMIN_NAV_ITEMS], (permission) => roleHasPermission(role, permission)).map((item) => item.href);

  it('offers each role only the pages its permissions open', () => {
    expect(hrefsFor('complaints_desk')).toEqual(['/backoffice/complaints/triage', '/backoffice/complaints/routes', '/backoffice/complaints/statistics']);
    expect(hrefsFor('officer')).toEqual(['/backoffice/queue', '/backoffice/complaints']);
    expect(hrefsFor('supervisor')).toEqual([
      '/backoffice/queue',
      '/backoffice/supervisor',
      '/backoffice/complaints',
      '/backoffice/complaints/agency-statistics',
    ]);
    expect(hrefsFor('platform_admin')).toEqual([
      '/admin/services',
      '/staff',
      '/audit',
      '/admin/open311-keys',
      '/backoffice/privacy',
      '/backoffice/privacy/holds',
      '/admin/exchange',
      '/admin/budget',
    ]);
    expect(hrefsFor('citizen')).toEqual([]);
    expect(hrefsFor('business_member')).toEqual([]);
  });

  it.each([
    ['/backoffice/complaints', '/backoffice/complaints'],
    ['/backoffice/complaints/ADU-AB12-CD34', '/backoffice/complaints'],
    ['/backoffice/complaints/triage?status=unverified', '/backoffice/complaints/triage'],
    ['/backoffice/complaints/triage/ADU-AB12-CD34', '/backoffice/complaints/triage'],
    ['/backoffice/complaints/routes?done=1', '/backoffice/complaints/routes'],
    ['/backoffice/complaints/agency-statistics', '/backoffice/complaints/agency-statistics'],
    ['/backoffice/queue/123', '/backoffice/queue'],
    ['/admin/open311-keys', undefined],
  ])('marks one entry, the most specific, as current on %s', (path, expected) => {
    expect(currentHref(path, STAFF_NAV_ITEMS)).toBe(expected);
  });
});
