import { decodeProtectedHeader, errors, importJWK, type JWTPayload, jwtVerify } from 'jose';
import type { ClientAlgorithm } from './exchange.tables.ts';

// RFC 7523-style client assertions (private_key_jwt): a JWT the agency system signs with its own key
// for every request. iss = sub = the client id, aud = the exact endpoint URL, a fresh jti, iat, and an
// exp at most 5 minutes after iat; body_sha256 binds it to the request body it came with.

export const MAX_ASSERTION_LIFETIME_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;
const MAX_ASSERTION_LENGTH = 8_192;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const JTI = /^[\x21-\x7e]{8,200}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/;

export type AssertionRefusal =
  | 'assertion_missing'
  | 'assertion_malformed'
  | 'algorithm_refused'
  | 'client_unknown'
  | 'signature_invalid'
  | 'assertion_expired'
  | 'assertion_not_yet_valid'
  | 'audience_mismatch'
  | 'lifetime_too_long'
  | 'claims_invalid'
  | 'body_hash_mismatch'
  | 'assertion_replayed';

export interface AssertionClient {
  id: string;
  alg: ClientAlgorithm;
  publicJwk: Record<string, unknown>;
}

export interface AssertionDependencies<C extends AssertionClient> {
  /** The active (not revoked) client with this id. */
  client(id: string): Promise<C | undefined>;
  /** Records the jti until it expires; false when it was already seen (a replay). */
  rememberJti(clientId: string, jti: string, expiresAt: Date): Promise<boolean>;
}

export type AssertionResult<C extends AssertionClient = AssertionClient> =
  | { ok: true; client: C; jti: string; claims: JWTPayload }
  | { ok: false; reason: AssertionRefusal; clientId?: string | undefined; jti?: string | undefined };

/** The algorithms accepted for a client's key type: never `none`, never a shared-secret HS*. */
function algorithmsFor(alg: ClientAlgorithm): string[] {
  return alg === 'EdDSA' ? ['EdDSA', 'Ed25519'] : ['ES256'];
}

function refusalOf(error: unknown): AssertionRefusal {
  if (error instanceof errors.JWTExpired) return 'assertion_expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'aud') return 'audience_mismatch';
    if (error.claim === 'nbf' || error.claim === 'iat') return 'assertion_not_yet_valid';
    return 'claims_invalid';
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'signature_invalid';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm_refused';
  return 'assertion_malformed';
}

/** Reads the unverified iss only to find the key; nothing else is trusted before the signature is. */
function unverifiedIssuer(token: string): string | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: unknown };
    return typeof claims.iss === 'string' ? claims.iss : undefined;
  } catch {
    return undefined;
  }
}

export function createAssertionVerifier<C extends AssertionClient>(deps: AssertionDependencies<C>, now: () => Date = () => new Date()) {
  const keys = new Map<string, { jwk: string; key: Awaited<ReturnType<typeof importJWK>> }>();

  async function keyOf(client: AssertionClient) {
    const jwk = JSON.stringify(client.publicJwk);
    const known = keys.get(client.id);
    if (known && known.jwk === jwk) return known.key;
    const key = await importJWK(client.publicJwk, client.alg === 'EdDSA' ? 'EdDSA' : 'ES256');
    if (keys.size > 10_000) keys.clear();
    keys.set(client.id, { jwk, key });
    return key;
  }

  /**
   * Verifies an assertion for `audience` (the exact endpoint URL) and a request body whose SHA-256 is
   * `bodySha256` (hex). Hostile input gives a refusal, never an exception.
   */
  return async function verify(token: string | undefined, audience: string, bodySha256: string): Promise<AssertionResult<C>> {
    if (!token) return { ok: false, reason: 'assertion_missing' };
    if (token.length > MAX_ASSERTION_LENGTH || token.split('.').length !== 3) return { ok: false, reason: 'assertion_malformed' };
    let header: ReturnType<typeof decodeProtectedHeader>;
    try {
      header = decodeProtectedHeader(token);
    } catch {
      return { ok: false, reason: 'assertion_malformed' };
    }
    const issuer = unverifiedIssuer(token);
    if (!issuer || !UUID.test(issuer)) return { ok: false, reason: 'client_unknown' };
    const client = await deps.client(issuer);
    if (!client) return { ok: false, reason: 'client_unknown', clientId: undefined };
    const algorithms = algorithmsFor(client.alg);
    if (typeof header.alg !== 'string' || !algorithms.includes(header.alg)) return { ok: false, reason: 'algorithm_refused', clientId: client.id };

    let claims: JWTPayload;
    try {
      const key = await keyOf(client);
      ({ payload: claims } = await jwtVerify(token, key, {
        algorithms,
        audience,
        issuer: client.id,
        subject: client.id,
        requiredClaims: ['jti', 'iat', 'exp'],
        maxTokenAge: MAX_ASSERTION_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: now(),
      }));
    } catch (error) {
      return { ok: false, reason: refusalOf(error), clientId: client.id };
    }
    const jti = typeof claims.jti === 'string' && JTI.test(claims.jti) ? claims.jti : undefined;
    if (!jti) return { ok: false, reason: 'claims_invalid', clientId: client.id };
    const iat = claims.iat as number;
    const exp = claims.exp as number;
    if (exp - iat > MAX_ASSERTION_LIFETIME_SECONDS) return { ok: false, reason: 'lifetime_too_long', clientId: client.id, jti };
    const bound = claims.body_sha256;
    if (typeof bound !== 'string' || !HEX_SHA256.test(bound)) return { ok: false, reason: 'claims_invalid', clientId: client.id, jti };
    if (bound !== bodySha256) return { ok: false, reason: 'body_hash_mismatch', clientId: client.id, jti };
    // Last: only an assertion that passed every other check uses up its jti.
    if (!(await deps.rememberJti(client.id, jti, new Date((exp + CLOCK_TOLERANCE_SECONDS) * 1000)))) {
      return { ok: false, reason: 'assertion_replayed', clientId: client.id, jti };
    }
    return { ok: true, client, jti, claims };
  };
}

export type AssertionVerifier<C extends AssertionClient> = ReturnType<typeof createAssertionVerifier<C>>;
