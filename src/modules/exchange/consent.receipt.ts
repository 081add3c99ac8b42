import type { Locale } from '../../platform/i18n/index.ts';
import type { ConsentView } from './consent.service.ts';

/**
 * A machine-readable consent receipt, modelled on the Kantara Initiative Consent Receipt
 * Specification 1.1 (its field names), with Loket's own additions under `loket` (validity, revocation,
 * the product and the application). The PII principal is named by account id, not by NIK or name:
 * the receipt is safe to keep or forward.
 */
export function consentReceipt(consent: ConsentView, options: { locale: Locale; publicUrl: string; accountId: string }) {
  const pick = (text: { id: string; en: string }) => (options.locale === 'en' ? text.en : text.id);
  const receiptUrl = new URL(`/account/consents/${consent.id}.json`, options.publicUrl).toString();
  return {
    version: 'KI-CR-v1.1.0',
    jurisdiction: 'ID',
    consentTimestamp: Math.floor(consent.grantedAt.getTime() / 1000),
    collectionMethod: 'Loket apply journey: explicit consent screen (agree / decline and upload)',
    consentReceiptID: consent.id,
    language: options.locale,
    piiPrincipalId: `loket-account:${options.accountId}`,
    piiControllers: [{ piiController: pick(consent.consumer), onBehalf: false, contact: pick(consent.consumer), url: options.publicUrl }],
    // Where the person manages their data and rights (UU 27/2022); Loket has no separate policy page.
    policyUrl: new URL('/account/privacy', options.publicUrl).toString(),
    services: [
      {
        service: pick(consent.productName),
        purposes: [
          {
            purpose: pick(consent.purpose),
            purposeCategory: [pick(consent.purpose)],
            consentType: 'EXPLICIT',
            piiCategory: consent.fields.map((field) => pick(field.label)),
            primaryPurpose: true,
            termination: consent.validUntil.toISOString(),
            thirdPartyDisclosure: true,
            thirdPartyName: pick(consent.provider),
          },
        ],
      },
    ],
    sensitive: false,
    spiCat: [],
    loket: {
      receiptUrl,
      state: consent.state,
      productCode: consent.productCode,
      legalBasis: consent.legalBasis,
      fields: consent.fields.map((field) => field.name),
      grantedAt: consent.grantedAt.toISOString(),
      validUntil: consent.validUntil.toISOString(),
      revokedAt: consent.revokedAt?.toISOString() ?? null,
      applicationTrackingNumber: consent.trackingNumber,
    },
  };
}
