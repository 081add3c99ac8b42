import { describe, expect, it } from 'vitest';
import { type AddressClass, classifyAddress } from './webhooks.address.ts';
import { checkTargetUrl, parseTargetUrl, targetPolicyFor } from './webhooks.target.ts';

const CASES: [string, AddressClass][] = [
  // IPv4
  ['0.0.0.0', 'unspecified'],
  ['0.1.2.3', 'unspecified'],
  ['10.0.0.1', 'private'],
  ['10.255.255.255', 'private'],
  ['172.16.0.1', 'private'],
  ['172.31.255.255', 'private'],
  ['172.15.255.255', 'public'],
  ['172.32.0.0', 'public'],
  ['192.168.1.1', 'private'],
  ['127.0.0.1', 'loopback'],
  ['127.255.255.254', 'loopback'],
  ['169.254.169.254', 'link_local'],
  ['100.64.0.1', 'cgnat'],
  ['100.127.255.255', 'cgnat'],
  ['100.63.255.255', 'public'],
  ['100.128.0.0', 'public'],
  ['224.0.0.1', 'multicast'],
  ['239.255.255.255', 'multicast'],
  ['255.255.255.255', 'reserved'],
  ['240.0.0.1', 'reserved'],
  ['192.0.2.10', 'reserved'],
  ['198.18.0.1', 'reserved'],
  ['8.8.8.8', 'public'],
  ['93.184.216.34', 'public'],
  ['103.10.20.30', 'public'],
  // IPv6
  ['::', 'unspecified'],
  ['::1', 'loopback'],
  ['0:0:0:0:0:0:0:1', 'loopback'],
  ['fe80::1', 'link_local'],
  ['fe80::1%eth0', 'link_local'],
  ['febf::1', 'link_local'],
  ['fc00::1', 'unique_local'],
  ['fd12:3456:789a::1', 'unique_local'],
  ['fec0::1', 'private'],
  ['ff02::1', 'multicast'],
  ['2001:db8::1', 'reserved'],
  ['2001:4860:4860::8888', 'public'],
  ['2606:4700:4700::1111', 'public'],
  ['[2606:4700:4700::1111]', 'public'],
  ['[::1]', 'loopback'],
  // IPv4 inside IPv6: the embedded address decides.
  ['::ffff:127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'loopback'],
  ['::FFFF:10.1.2.3', 'private'],
  ['::ffff:169.254.169.254', 'link_local'],
  ['::ffff:100.64.1.1', 'cgnat'],
  ['::ffff:8.8.8.8', 'public'],
  ['0:0:0:0:0:ffff:c0a8:0101', 'private'],
  ['::ffff:0:10.0.0.1', 'private'],
  ['64:ff9b::10.0.0.1', 'private'],
  ['64:ff9b::8.8.8.8', 'public'],
  ['64:ff9b:1::1', 'private'],
  ['2002:7f00:0001::1', 'loopback'],
  ['2002:0808:0808::1', 'public'],
  ['::127.0.0.1', 'reserved'],
  ['::8.8.8.8', 'reserved'],
  // Not addresses.
  ['', 'invalid'],
  ['localhost', 'invalid'],
  ['256.0.0.1', 'invalid'],
  ['1.2.3', 'invalid'],
  ['0x7f000001', 'invalid'],
  ['2130706433', 'invalid'],
  [':::1', 'invalid'],
  ['fe80::1%', 'invalid'],
];

describe('the address classifier', () => {
  it.each(CASES)('classifies %s as %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('target URLs', () => {
  const production = targetPolicyFor('production');
  const development = targetPolicyFor('development');

  it('allow only https in production; http too in development and tests', () => {
    expect(parseTargetUrl('http://93.184.216.34/hook', production)).toEqual({ ok: false, problem: 'scheme' });
    expect(parseTargetUrl('https://93.184.216.34/hook', production).ok).toBe(true);
    expect(parseTargetUrl('http://127.0.0.1:8080/hook', development).ok).toBe(true);
    expect(parseTargetUrl('http://127.0.0.1:8080/hook', targetPolicyFor('test')).ok).toBe(true);
    expect(parseTargetUrl('ftp://93.184.216.34/', development)).toEqual({ ok: false, problem: 'scheme' });
    expect(parseTargetUrl('javascript:alert(1)', development)).toEqual({ ok: false, problem: 'scheme' });
  });

  it('refuse private, loopback and mapped addresses written as IP literals in production, however they are spelt', () => {
    for (const url of [
      'https://127.0.0.1/',
      'https://[::1]/',
      'https://[::ffff:127.0.0.1]/',
      'https://[::ffff:7f00:1]/',
      'https://10.0.0.8/',
      'https://169.254.169.254/latest/meta-data',
      'https://100.64.0.1/',
      'https://0.0.0.0/',
      'https://[fd00::1]/',
      'https://[fe80::1]/',
      // WHATWG URL parsing normalises these to 127.0.0.1.
      'https://2130706433/',
      'https://0x7f.0.0.1/',
      'https://127.1/',
    ]) {
      expect(parseTargetUrl(url, production), url).toEqual({ ok: false, problem: 'address' });
    }
  });

  it('refuse credentials in the URL, malformed and overlong URLs', () => {
    expect(parseTargetUrl('https://user:pass@93.184.216.34/', production)).toEqual({ ok: false, problem: 'credentials' });
    expect(parseTargetUrl('not a url', production)).toEqual({ ok: false, problem: 'url' });
    expect(parseTargetUrl('', production)).toEqual({ ok: false, problem: 'url' });
    expect(parseTargetUrl(`https://example.go.id/${'a'.repeat(2000)}`, production)).toEqual({ ok: false, problem: 'url' });
  });

  it('check what a host name resolves to: any private answer refuses it, no answer too', async () => {
    const answers: Record<string, string[]> = {
      'public.example': ['93.184.216.34', '2606:4700::1'],
      'mixed.example': ['93.184.216.34', '10.0.0.1'],
      'mapped.example': ['::ffff:192.168.0.1'],
    };
    const resolve = async (host: string) => {
      const list = answers[host];
      if (!list) throw Object.assign(new Error('not found'), { code: 'ENOTFOUND' });
      return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
    };
    expect(await checkTargetUrl('https://public.example/hook', production, resolve)).toEqual({ ok: true, url: 'https://public.example/hook' });
    expect(await checkTargetUrl('https://mixed.example/hook', production, resolve)).toEqual({ ok: false, problem: 'address' });
    expect(await checkTargetUrl('https://mapped.example/hook', production, resolve)).toEqual({ ok: false, problem: 'address' });
    expect(await checkTargetUrl('https://missing.example/hook', production, resolve)).toEqual({ ok: false, problem: 'unresolvable' });
    expect(await checkTargetUrl('http://mixed.example/hook', development, resolve)).toEqual({ ok: true, url: 'http://mixed.example/hook' });
  });
});
