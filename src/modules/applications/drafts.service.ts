import type { SignedInActor } from '../../platform/auth/actor.ts';
import { authErrors } from '../../platform/auth/errors.ts';
import type { DataKeyStore } from '../../platform/crypto/data-keys.ts';
import { decryptField } from '../../platform/crypto/envelope.ts';
import type { Database } from '../../platform/db/database.ts';
import type { FormData, FormPage } from '../../platform/forms/form-schema.ts';
import { type PrefillProfile, prefill } from '../../platform/forms/prefill.ts';
import type { FormProblem } from '../../platform/forms/problems.ts';
import { validatePage } from '../../platform/forms/validate.ts';
import type { RegionOptions } from '../../platform/forms/views/regions.ts';
import { fileIdsOf } from '../../platform/forms/views/values.ts';
import { answerOf, visiblePages } from '../../platform/forms/visibility.ts';
import type { FileStorage } from '../../platform/storage/storage.service.ts';
import type { AccountsService, Profile } from '../accounts/accounts.service.ts';
import { maskNib } from '../accounts/organisations.service.ts';
import { draftContext, openJson, regionCheck, sealJson, type VersionSource, type VersionView } from './application-records.ts';
import { applicationErrors } from './applications.errors.ts';
import type { ApplicationsRepository, DraftRow } from './applications.repository.ts';
import { storageFiles } from './applications.service.ts';

export interface OpenDraft {
  id: string;
  version: VersionView;
  organisationId: string | null;
  answers: FormData;
  currentPage: string | null;
  idempotencyKey: string | null;
}

/** The `for` value of the apply journey when the person applies for themselves. */
export const FOR_SELF = 'self';

/** An organisation the person may apply for, as the chooser shows it. */
export interface ApplicantOption {
  id: string;
  name: string;
  nibMasked: string;
}

/**
 * What starting the apply journey without a choice of applicant leads to: straight into the form
 * (a service for citizens only, or a person without organisations), the question "who are you
 * applying for?", or, for a service only for businesses, the advice to register a business first.
 */
export type ApplicantChoice =
  | { kind: 'start' }
  | { kind: 'choose'; version: VersionView; forSelf: boolean; organisations: ApplicantOption[]; current: string | undefined }
  | { kind: 'registerFirst'; version: VersionView };

function profileFacts(profile: Profile): PrefillProfile {
  return {
    fullName: profile.fullName,
    nik: profile.nik ?? undefined,
    email: profile.email ?? undefined,
    phone: profile.phone ?? undefined,
    birthDate: profile.birthDate ?? undefined,
  };
}

/** The page after `pageId` that has a visible field for these answers, or 'check' after the last one. */
export function nextPageId(draft: { version: VersionView; answers: FormData }, pageId: string): string {
  const pages = draft.version.form.pages;
  const visible = new Set(visiblePages(draft.version.form, draft.answers).map((page) => page.id));
  const index = pages.findIndex((page) => page.id === pageId);
  for (const page of pages.slice(index + 1)) if (visible.has(page.id)) return page.id;
  return 'check';
}

/** The first page with a visible field. */
export function firstPageId(draft: { version: VersionView; answers: FormData }): string {
  return visiblePages(draft.version.form, draft.answers)[0]?.id ?? draft.version.form.pages[0]?.id ?? 'check';
}

/**
 * Save-and-continue drafts of the apply journey: one per person per service, encrypted under the
 * draft's own data key, prefilled from the person's profile. A draft follows the published version:
 * when a new version is published, the next visit moves the draft to it, keeping the answers whose
 * fields still exist (they are validated again before submission).
 */
export function createDraftsService(deps: {
  db: Database;
  repository: ApplicationsRepository;
  versions: VersionSource;
  accounts: Pick<AccountsService, 'profile'>;
  dataKeys: DataKeyStore;
  storage: Pick<FileStorage, 'attachFile' | 'deleteFile' | 'describeFiles'>;
}) {
  const { db, repository, versions, accounts, dataKeys, storage } = deps;
  const files = storageFiles(storage);
  const regions = regionCheck(() => repository.regionCodes());

  async function opened(row: DraftRow, version: VersionView): Promise<OpenDraft> {
    const key = await dataKeys.open(row.dataKeyId);
    return {
      id: row.id,
      version,
      organisationId: row.organisationId,
      answers: openJson(key, row.answersEnc, draftContext(row.id)),
      currentPage: row.currentPage,
      idempotencyKey: row.idempotencyKey,
    };
  }

  async function write(draftId: string, dataKeyId: string, answers: FormData, changes: { currentPage?: string; serviceVersionId?: string } = {}) {
    const key = await dataKeys.open(dataKeyId);
    await repository.updateDraft(draftId, { answersEnc: sealJson(key, answers, draftContext(draftId)), ...changes });
  }

  /** Keeps the answers of fields the new form still has. */
  function carryOver(version: VersionView, answers: FormData): FormData {
    const kept: FormData = {};
    for (const field of version.form.pages.flatMap((page) => page.fields)) {
      const answer = answerOf(answers, field.name);
      if (answer !== undefined) kept[field.name] = answer;
    }
    return kept;
  }

  /**
   * The person's own draft; another person's (or none) is a 404. A draft whose version is no longer
   * published moves to the published one.
   */
  async function open(actor: SignedInActor, draftId: string): Promise<OpenDraft> {
    const row = /^[0-9a-f-]{36}$/i.test(draftId) ? await repository.findDraftById(draftId) : undefined;
    if (!row || row.accountId !== actor.accountId) throw authErrors.notFound();
    const version = await versions.getVersion(row.serviceVersionId);
    if (!version) throw authErrors.notFound();
    if (version.status === 'published') return opened(row, version);
    const current = await versions.publishedVersionByCode(version.code);
    if (!current) throw applicationErrors.serviceNotFound();
    const draft = await opened(row, version);
    const answers = carryOver(current, draft.answers);
    await write(row.id, row.dataKeyId, answers, { serviceVersionId: current.id });
    return { ...draft, version: current, answers };
  }

  /** Files a new upload replaced (past the field's limit): they were the draft's, and nothing else holds them. */
  async function discard(fileIds: readonly string[]) {
    for (const fileId of fileIds) await storage.deleteFile(fileId);
  }

  let regionCache: { options: RegionOptions; at: number } | undefined;

  /** The published version a citizen may apply for online. */
  async function onlineVersion(actor: SignedInActor, serviceCode: string): Promise<VersionView> {
    const version = await versions.publishedVersionByCode(serviceCode);
    if (!version) throw applicationErrors.serviceNotFound();
    if (actor.kind !== 'citizen') throw applicationErrors.onlyCitizens();
    if (!version.channels.includes('online')) throw applicationErrors.notOffered();
    return version;
  }

  return {
    open,

    /** Provinces and regencies for address fields, read once every few minutes. */
    async regionOptions(): Promise<RegionOptions> {
      if (!regionCache || Date.now() - regionCache.at > 10 * 60 * 1000) regionCache = { options: await repository.regionOptions(), at: Date.now() };
      return regionCache.options;
    },

    /** The fields whose answer is still the one taken from the person's profile: the page marks them. */
    async prefilledFields(actor: SignedInActor, draft: OpenDraft): Promise<Set<string>> {
      const profile = await accounts.profile(actor);
      const { data, prefilled } = prefill(draft.version.form, profileFacts(profile));
      return new Set([...prefilled].filter((name) => JSON.stringify(answerOf(draft.answers, name)) === JSON.stringify(data[name])));
    },

    /** Names of the draft's uploaded files, by id. */
    async fileNames(draft: OpenDraft): Promise<Record<string, string>> {
      const ids = draft.version.form.pages.flatMap((page) => page.fields).flatMap((field) => fileIdsOf(answerOf(draft.answers, field.name)));
      const described = await storage.describeFiles(ids);
      return Object.fromEntries(described.map((file) => [file.id, file.name]));
    },

    /**
     * Whom the person can apply for: themselves (when the service takes citizens) and each
     * organisation they belong to (when it takes businesses). `current` is the choice of the draft
     * they already have, to keep it selected.
     * @throws applications.service_not_found, applications.not_offered, applications.only_citizens
     */
    async applicantChoice(actor: SignedInActor, serviceCode: string): Promise<ApplicantChoice> {
      const version = await onlineVersion(actor, serviceCode);
      const forSelf = version.applicantTypes.includes('citizen');
      if (!version.applicantTypes.includes('business')) return { kind: 'start' };
      const rows = await repository.organisationsOf(actor.accountId);
      if (rows.length === 0) return forSelf ? { kind: 'start' } : { kind: 'registerFirst', version };
      const organisations = await Promise.all(
        rows.map(async (row) => ({
          id: row.id,
          name: row.name,
          nibMasked: maskNib(decryptField(await dataKeys.open(row.dataKeyId), row.nibEnc, `organisation.nib:${row.id}`)),
        })),
      );
      const existing = await repository.findDraft(actor.accountId, version.serviceId);
      const current = existing ? (existing.organisationId ?? (forSelf ? FOR_SELF : undefined)) : undefined;
      return { kind: 'choose', version, forSelf, organisations, current };
    },

    /** The name of the organisation the draft is for; undefined for a person applying for themselves. */
    async organisationName(draft: OpenDraft): Promise<string | undefined> {
      return draft.organisationId ? repository.organisationName(draft.organisationId) : undefined;
    },

    /**
     * The person's draft for the service, created (and prefilled from their profile) when there is
     * none. Business services take the organisation the person applies for; a draft started for
     * someone else (themselves or another of their organisations) follows the new choice and keeps
     * its answers. The memberships are the actor's, read from the database at each request, so a
     * former member can no longer apply for the organisation.
     * @throws applications.service_not_found, applications.not_offered, applications.only_citizens;
     *   platform.not_found for an organisation the person does not belong to
     */
    async startOrResume(actor: SignedInActor, serviceCode: string, organisationId?: string): Promise<OpenDraft> {
      const version = await onlineVersion(actor, serviceCode);
      const forBusiness = organisationId !== undefined && organisationId !== '';
      // Another person's organisation is answered as missing, like any record of someone else.
      if (forBusiness && (actor.kind !== 'citizen' || !actor.organisations.some((o) => o.organisationId === organisationId))) throw authErrors.notFound();
      if (!version.applicantTypes.includes(forBusiness ? 'business' : 'citizen')) throw applicationErrors.notOffered();

      const existing = await repository.findDraft(actor.accountId, version.serviceId);
      if (existing) {
        const chosen = forBusiness ? organisationId : null;
        if (existing.organisationId !== chosen) await repository.updateDraft(existing.id, { organisationId: chosen });
        return open(actor, existing.id);
      }
      const profile = await accounts.profile(actor);
      const { data: answers } = prefill(version.form, profileFacts(profile));
      const id = crypto.randomUUID();
      try {
        const row = await db.transaction().execute(async (trx) => {
          const key = await dataKeys.create(trx);
          return repository.insertDraft(
            {
              id,
              accountId: actor.accountId,
              serviceId: version.serviceId,
              serviceVersionId: version.id,
              organisationId: forBusiness ? organisationId : null,
              dataKeyId: key.id,
              answersEnc: sealJson(key.key, answers, draftContext(id)),
              currentPage: null,
            },
            trx,
          );
        });
        return opened(row, version);
      } catch (error) {
        // The same person starting twice at once (two tabs): the first draft wins.
        const raced = (error as { code?: string }).code === '23505' ? await repository.findDraft(actor.accountId, version.serviceId) : undefined;
        if (!raced) throw error;
        return open(actor, raced.id);
      }
    },

    /**
     * Saves one page's answers. With `validate`, the page's problems are returned and only its
     * uploads are kept (so a person fixing a typo does not upload again); without it ("save and come
     * back later") the answers are kept as typed. Uploaded files are attached at once, so that the
     * purge of abandoned uploads leaves a waiting draft's files alone.
     * @throws platform.not_found when a file in the answers is not the person's own
     */
    async savePage(actor: SignedInActor, draft: OpenDraft, page: FormPage, pageAnswers: FormData, validate: boolean): Promise<FormProblem[]> {
      const answers: FormData = { ...draft.answers, ...pageAnswers };
      const uploads: FormData = {};
      const replaced: string[] = [];
      for (const field of page.fields) {
        const value = answerOf(pageAnswers, field.name);
        if (field.type !== 'file' || value === undefined) continue;
        uploads[field.name] = value;
        const kept = new Set(fileIdsOf(value));
        replaced.push(...fileIdsOf(answerOf(draft.answers, field.name)).filter((id) => !kept.has(id)));
        for (const fileId of fileIdsOf(value)) {
          if (!(await files.attach(fileId, { ownerAccountId: actor.accountId, uploadedBy: actor.accountId }, db))) throw authErrors.notFound();
        }
      }
      const row = await repository.findDraftById(draft.id);
      if (!row || row.accountId !== actor.accountId) throw authErrors.notFound();
      if (validate) {
        const problems = validatePage(draft.version.form, page.id, answers, { regionExists: await regions(), locale: actor.locale });
        if (problems.length > 0) {
          if (Object.keys(uploads).length > 0) {
            draft.answers = { ...draft.answers, ...uploads };
            await write(draft.id, row.dataKeyId, draft.answers);
            await discard(replaced);
          }
          return problems;
        }
      }
      await write(draft.id, row.dataKeyId, answers, { currentPage: page.id });
      draft.answers = answers;
      await discard(replaced);
      return [];
    },

    /** Removes an uploaded file from the draft and deletes it; a file the draft does not hold is ignored. */
    async removeFile(actor: SignedInActor, draft: OpenDraft, fileId: string): Promise<void> {
      const row = await repository.findDraftById(draft.id);
      if (!row || row.accountId !== actor.accountId) throw authErrors.notFound();
      for (const field of draft.version.form.pages.flatMap((page) => page.fields)) {
        const ids = fileIdsOf(answerOf(draft.answers, field.name));
        if (field.type !== 'file' || !ids.includes(fileId)) continue;
        draft.answers = { ...draft.answers, [field.name]: { fileIds: ids.filter((id) => id !== fileId) } };
        await write(draft.id, row.dataKeyId, draft.answers);
        await storage.deleteFile(fileId);
        return;
      }
    },

    /** The submission key of the draft, made when the check page is first shown and kept until it is submitted. */
    async submissionKey(draft: OpenDraft): Promise<string> {
      if (draft.idempotencyKey) return draft.idempotencyKey;
      const key = await repository.bindDraftKey(draft.id, `draft-${crypto.randomUUID()}`);
      if (!key) throw authErrors.notFound();
      return key;
    },
  };
}

export type DraftsService = ReturnType<typeof createDraftsService>;
