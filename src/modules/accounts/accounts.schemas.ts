import { type Static, Type } from 'typebox';
import { ROLES } from '../../platform/auth/permissions.ts';

// Problem responses are the shared schema that platform/http/openapi.ts registers.
const Problem = Type.Ref('Problem');

export const TokenRequestSchema = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 300, description: 'NIK, e-mail address or mobile number; staff use their work e-mail' }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    totp: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'Staff only, required for them: the 6-digit code of their authenticator app, or one of their recovery codes',
      }),
    ),
  },
  { additionalProperties: false, title: 'Token request' },
);
export type TokenRequest = Static<typeof TokenRequestSchema>;

export const TokenResponseSchema = Type.Object(
  {
    accessToken: Type.String({ description: 'Send it as `Authorization: Bearer <accessToken>`' }),
    tokenType: Type.Literal('Bearer'),
    expiresIn: Type.Integer({ minimum: 1, description: 'Seconds until the token expires; revoke it sooner with DELETE /api/v1/auth/token' }),
  },
  { title: 'Access token' },
);

export const AccountSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: Type.Union([Type.Literal('citizen'), Type.Literal('staff')]),
    fullName: Type.String(),
    nik: Type.Union([Type.String({ pattern: '^\\d{4}\\*{8}\\d{4}$', description: 'Masked: the full NIK never leaves the server' }), Type.Null()]),
    email: Type.Union([Type.String(), Type.Null()]),
    emailVerified: Type.Boolean(),
    phone: Type.Union([Type.String({ description: 'E.164, e.g. +6281234567890' }), Type.Null()]),
    phoneVerified: Type.Boolean(),
    locale: Type.Union([Type.Literal('id'), Type.Literal('en')]),
    roles: Type.Array(Type.Enum(ROLES)),
  },
  { title: 'Account' },
);
export type Account = Static<typeof AccountSchema>;

// Any text: a malformed id answers 404 like any id that is not the caller's, never 400.
export const AccountParamsSchema = Type.Object({ id: Type.String({ description: 'Account id (UUID)' }) });

export const tokenRouteSchema = {
  tags: ['accounts'],
  summary: 'Get an access token',
  description:
    'Exchanges credentials for a short-lived bearer token. Staff must add the code of their authenticator app in `totp`; ' +
    'without it the answer is the problem `auth.totp_required`. Wrong credentials get one answer whether or not the account exists; ' +
    'repeated failures throttle the account and the address (429).',
  body: TokenRequestSchema,
  response: { 200: TokenResponseSchema, 401: Problem, 429: Problem },
} as const;

export const revokeTokenRouteSchema = {
  tags: ['accounts'],
  summary: 'Revoke the access token',
  description: 'Ends the session of the bearer token sent with this request.',
  response: { 204: Type.Null(), 401: Problem },
} as const;

export const meRouteSchema = {
  tags: ['accounts'],
  summary: 'My account',
  description: 'The profile of the account the bearer token belongs to. The NIK is masked.',
  response: { 200: AccountSchema, 401: Problem },
} as const;

export const accountRouteSchema = {
  tags: ['accounts'],
  summary: 'Read an account',
  description: 'One account by id. An account that is not yours answers 404, exactly as one that does not exist.',
  params: AccountParamsSchema,
  response: { 200: AccountSchema, 401: Problem, 404: Problem },
} as const;
