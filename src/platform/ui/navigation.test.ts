import { describe, expect, it } from 'vitest';
import { isCurrent } from './navigation.ts';

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
