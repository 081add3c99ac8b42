import { createHash, createPrivateKey, sign } from 'node:crypto';
import type { RequestSpec } from './types.ts';

/** More than any run sends: 64 connections at 4,000 requests/s for 10 s, with the warm-up. */
const ASSERTIONS_PER_RUN = 60_000;

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/**
 * One signed client assertion per request to come (index n for the n-th request), each for the body
 * that request will carry (bodies[n % bodies.length]), with its own jti; undefined when the spec
 * asks for none. The audience is the server's URL and the spec's first path.
 */
export function assertionsFor(spec: RequestSpec, url: string, run: string, count = ASSERTIONS_PER_RUN): string[] | undefined {
  const settings = spec.clientAssertion;
  if (!settings) return undefined;
  const key = createPrivateKey({ key: Buffer.from(settings.privateKeyPkcs8, 'base64'), format: 'der', type: 'pkcs8' });
  const bodies = spec.bodies ?? [spec.body ?? ''];
  const digests = bodies.map((body) => createHash('sha256').update(body).digest('hex'));
  const header = base64url(JSON.stringify({ alg: 'EdDSA', typ: 'JWT' }));
  const iat = Math.floor(Date.now() / 1000);
  return Array.from({ length: count }, (_, n) => {
    const claims = {
      iss: settings.clientId,
      sub: settings.clientId,
      aud: `${url}${spec.paths[0]}`,
      jti: `bench-${run}-${n}`,
      iat,
      exp: iat + 240,
      body_sha256: digests[n % digests.length],
    };
    const signingInput = `${header}.${base64url(JSON.stringify(claims))}`;
    return `${signingInput}.${base64url(sign(null, Buffer.from(signingInput), key))}`;
  });
}
