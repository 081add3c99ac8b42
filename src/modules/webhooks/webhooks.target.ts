import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import type { Environment } from '../../config.ts';
import { classifyAddress } from './webhooks.address.ts';

/** Where webhooks may go. Production: https to public addresses only. */
export interface TargetPolicy {
  allowHttp: boolean;
  allowPrivateAddresses: boolean;
}

export function targetPolicyFor(env: Environment): TargetPolicy {
  const relaxed = env === 'development' || env === 'test';
  return { allowHttp: relaxed, allowPrivateAddresses: relaxed };
}

export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to every address it has (the one DNS answer used for both the check and the connection). */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export const systemResolver: Resolver = (hostname) => lookup(hostname, { all: true, verbatim: true });

export type TargetProblem = 'url' | 'scheme' | 'credentials' | 'address' | 'unresolvable';

export const MAX_TARGET_URL_LENGTH = 2000;

/** The host of a URL without IPv6 brackets. */
export function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

/** Checks the form of a target URL (no DNS): scheme, no credentials, an IP literal's class. */
export function parseTargetUrl(raw: string, policy: TargetPolicy): { ok: true; url: URL } | { ok: false; problem: TargetProblem } {
  const text = raw.trim();
  if (text.length === 0 || text.length > MAX_TARGET_URL_LENGTH) return { ok: false, problem: 'url' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'url' };
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) return { ok: false, problem: 'scheme' };
  if (url.username !== '' || url.password !== '') return { ok: false, problem: 'credentials' };
  const host = hostOf(url);
  if (host === '') return { ok: false, problem: 'url' };
  if (isIP(host) !== 0 && !policy.allowPrivateAddresses && classifyAddress(host) !== 'public') return { ok: false, problem: 'address' };
  return { ok: true, url };
}

/** True when every address is one Loket may connect to under the policy (an empty answer is not). */
export function addressesAllowed(addresses: readonly ResolvedAddress[], policy: TargetPolicy): boolean {
  if (addresses.length === 0) return false;
  return policy.allowPrivateAddresses || addresses.every((one) => classifyAddress(one.address) === 'public');
}

/**
 * Validates a target URL when a subscription is made: its form, then what its host resolves to now.
 * Delivery checks again after its own resolution (DNS may change in between).
 */
export async function checkTargetUrl(
  raw: string,
  policy: TargetPolicy,
  resolve: Resolver = systemResolver,
): Promise<{ ok: true; url: string } | { ok: false; problem: TargetProblem }> {
  const parsed = parseTargetUrl(raw, policy);
  if (!parsed.ok) return parsed;
  const host = hostOf(parsed.url);
  if (isIP(host) === 0) {
    let addresses: ResolvedAddress[];
    try {
      addresses = await resolve(host);
    } catch {
      return { ok: false, problem: 'unresolvable' };
    }
    if (addresses.length === 0) return { ok: false, problem: 'unresolvable' };
    if (!addressesAllowed(addresses, policy)) return { ok: false, problem: 'address' };
  }
  return { ok: true, url: parsed.url.toString() };
}
