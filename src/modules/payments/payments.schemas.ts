import { type Static, Type } from 'typebox';

// Problem responses are the shared schema that platform/http/openapi.ts registers.
const Problem = Type.Ref('Problem');

export const PaymentEventSchema = Type.Object(
  {
    eventId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'The provider’s id of this notification; a repeated id is answered 200 and changes nothing',
    }),
    billingCode: Type.String({ pattern: '^[0-9]{10,20}$', description: 'The billing code that was paid' }),
    amount: Type.Integer({ minimum: 1, maximum: 1_000_000_000_000, description: 'Rupiah paid; must equal the bill' }),
    paidAt: Type.String({ format: 'date-time', description: 'When the payment was settled' }),
    providerReference: Type.String({ minLength: 1, maxLength: 100, description: 'The provider’s transaction reference (NTPN or similar)' }),
  },
  { additionalProperties: false, title: 'Payment notification' },
);
export type PaymentEvent = Static<typeof PaymentEventSchema>;

const SignatureHeadersSchema = Type.Object({
  'x-loket-signature': Type.Optional(
    Type.String({
      description: 'Required: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>`; refused when t is more than 5 minutes away',
    }),
  ),
});

export const PaymentReceiptSchema = Type.Object(
  { outcome: Type.Union([Type.Literal('paid'), Type.Literal('duplicate')], { description: 'duplicate: this eventId was already processed' }) },
  { title: 'Payment notification received' },
);

export const webhookRouteSchema = {
  tags: ['payments'],
  summary: 'Payment provider notification',
  description:
    'Called by the payment provider when a billing code is paid, signed with the shared webhook secret. The bill is marked paid and ' +
    'the application continues, in one transaction. A wrong amount, an unknown code or a bill that is no longer payable is refused ' +
    '(422 or 409) and changes nothing.',
  headers: SignatureHeadersSchema,
  body: PaymentEventSchema,
  response: { 200: PaymentReceiptSchema, 400: Problem, 401: Problem, 409: Problem, 413: Problem, 415: Problem, 422: Problem },
} as const;
