import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { PublicSigningKey, SigningKeysService } from './signing-keys.service.ts';

/** Long enough to spare the database on every scan, short enough that a rotation shows up soon. */
const JWKS_MAX_AGE_SECONDS = 300;

const JwkSchema = Type.Object({
  kty: Type.Literal('OKP'),
  crv: Type.Literal('Ed25519'),
  x: Type.String(),
  kid: Type.String(),
  use: Type.Literal('sig'),
  alg: Type.Literal('EdDSA'),
});

const JwksSchema = Type.Object({ keys: Type.Array(JwkSchema) });

/** A public key as an RFC 8037 OKP JSON Web Key. */
export function jwkOf(key: PublicSigningKey) {
  return { kty: 'OKP', crv: 'Ed25519', x: key.publicKey.toString('base64url'), kid: key.kid, use: 'sig', alg: 'EdDSA' } as const;
}

/** The public keys that sign issued documents, retired ones included, so that verifier apps work offline. */
export function documentsRoutes({ signingKeys }: { signingKeys: SigningKeysService }) {
  return async (app: FastifyInstance) => {
    app.get(
      '/.well-known/jwks.json',
      {
        config: { access: 'public' },
        schema: {
          tags: ['documents'],
          summary: 'Document signing keys',
          description: 'The Ed25519 keys (RFC 8037) that sign issued documents, active and retired; a document names its key by kid.',
          response: { 200: JwksSchema },
        },
      },
      async (_request, reply) => {
        const keys = await signingKeys.publicKeys();
        reply.header('cache-control', `public, max-age=${JWKS_MAX_AGE_SECONDS}`);
        return { keys: keys.map(jwkOf) };
      },
    );
  };
}
