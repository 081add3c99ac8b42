import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

describe('the SKM weight setting (LOKET_SKM_WEIGHT)', () => {
  const load = (weight?: string) => loadConfig({ NODE_ENV: 'test', ...(weight === undefined ? {} : { LOKET_SKM_WEIGHT: weight }) });

  it('is exactly 1/9 unless set, and takes a rounded weight where a local rule asks for one', () => {
    expect(load().skmWeight).toBe(1 / 9);
    expect(load('1/9').skmWeight).toBe(1 / 9);
    expect(load('0.111').skmWeight).toBe(0.111);
    expect(load('1').skmWeight).toBe(1);
  });

  it('refuses anything that is not a weight, at start-up', () => {
    for (const bad of ['0', '1.5', '-0.1', 'sepersembilan', '1/8', '0.1.1', 'NaN']) expect(() => load(bad), bad).toThrow(ConfigError);
  });
});
