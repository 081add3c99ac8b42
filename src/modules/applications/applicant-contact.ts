import type { Database } from '../../platform/db/database.ts';
import { formatters, type Locale, translator } from '../../platform/i18n/index.ts';
import type { Notifier } from '../../platform/notify/notify.service.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { PersonalData } from '../accounts/personal-data.ts';
import type { ApplicationStatus } from './applications.tables.ts';

/** What the applications module needs to tell applicants about their applications; wired in src/services.ts. */
export interface ApplicantNotices {
  notifier: Pick<Notifier, 'enqueue'>;
  /** Loket's public address (config.publicUrl, no trailing slash): links in messages point there. */
  publicUrl: string;
}

/** Where an applicant is told about their application: a verified e-mail first, else a verified phone. */
export interface ApplicantContact {
  channel: 'email' | 'sms';
  recipient: string;
  locale: Locale;
}

/** The statuses the applicant's pages have a label for. */
export type LabelledStatus = ApplicationStatus;

/**
 * Messages to the applicant about their application, written into the notification outbox in the
 * caller's transaction: they go out exactly when the change commits. An application without an
 * account, or an account without a verified contact, gets nothing (an unverified address may be
 * someone else's). Parameters are stored in clear, so they carry no personal data: no name, NIK or
 * answer, only the number, the service and what to do.
 */
export function createApplicantMessages(deps: { accountsRepository: AccountsRepository; personalData: PersonalData; notices: ApplicantNotices }) {
  const { accountsRepository, personalData, notices } = deps;

  async function contactOf(accountId: string | null, trx: Database): Promise<ApplicantContact | undefined> {
    if (!accountId) return undefined;
    const account = await accountsRepository.findById(accountId, trx);
    if (account?.kind !== 'citizen') return undefined;
    const channel = account.emailEnc && account.emailVerifiedAt ? 'email' : account.phoneEnc && account.phoneVerifiedAt ? 'sms' : undefined;
    if (!channel) return undefined;
    const sealer = await personalData.sealer(account.dataKeyId, account.id, trx);
    const recipient = channel === 'email' ? sealer.openOptional('email', account.emailEnc) : sealer.openOptional('phone', account.phoneEnc);
    return recipient ? { channel, recipient, locale: account.locale } : undefined;
  }

  return {
    contactOf,

    async submitted(
      application: { applicantAccountId: string | null; trackingNumber: string; dueAt: Date },
      serviceName: { id: string; en: string },
      trx: Database,
    ): Promise<void> {
      const contact = await contactOf(application.applicantAccountId, trx);
      if (!contact) return;
      // The due date is the end of a day in the agency's zone; WIB is the westernmost, so it shows the same date.
      const dueDate = formatters(contact.locale).date(application.dueAt);
      await notices.notifier.enqueue(
        {
          kind: 'application.submitted',
          ...contact,
          params: { trackingNumber: application.trackingNumber, serviceName: serviceName[contact.locale], dueDate },
        },
        trx,
      );
    },

    async informationRequested(application: { applicantAccountId: string | null; trackingNumber: string }, trx: Database): Promise<void> {
      const contact = await contactOf(application.applicantAccountId, trx);
      if (!contact) return;
      const link = `${notices.publicUrl}/applications/${application.trackingNumber}`;
      await notices.notifier.enqueue(
        { kind: 'application.information_requested', ...contact, params: { trackingNumber: application.trackingNumber, link } },
        trx,
      );
    },

    async statusChanged(application: { applicantAccountId: string | null; trackingNumber: string }, status: LabelledStatus, trx: Database): Promise<void> {
      const contact = await contactOf(application.applicantAccountId, trx);
      if (!contact) return;
      const label = translator(contact.locale)(`applications.status.${status}`);
      await notices.notifier.enqueue(
        { kind: 'application.status_changed', ...contact, params: { trackingNumber: application.trackingNumber, status: label } },
        trx,
      );
    },
  };
}

export type ApplicantMessages = ReturnType<typeof createApplicantMessages>;
