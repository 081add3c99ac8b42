import type { MapTiles } from '../../../config.ts';
import { Button } from '../../../platform/ui/components/button.tsx';
import { Checkboxes } from '../../../platform/ui/components/checkboxes.tsx';
import { ErrorSummary, errorFor, type FieldError } from '../../../platform/ui/components/error-summary.tsx';
import { Fieldset } from '../../../platform/ui/components/field.tsx';
import { FileInput } from '../../../platform/ui/components/file-input.tsx';
import { LocationPicker } from '../../../platform/ui/components/map.tsx';
import { NotificationBanner } from '../../../platform/ui/components/notification-banner.tsx';
import { Radios } from '../../../platform/ui/components/radios.tsx';
import { Select } from '../../../platform/ui/components/select.tsx';
import { TextInput } from '../../../platform/ui/components/text-input.tsx';
import { Textarea } from '../../../platform/ui/components/textarea.tsx';
import type { PageContext } from '../../../platform/ui/context.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { CategorySummary, DuplicateSuggestion, RegionOption } from '../complaints.contract.ts';
import { KINDS } from './public-pages.tsx';
import { ComplaintStatusTag, named } from './public-shared.tsx';

/** What the filing form shows again after an error or a region refresh (a GET round trip). */
export interface FilingValues {
  kind: string;
  categoryCode: string;
  title: string;
  description: string;
  incidentDate: string;
  address: string;
  province: string;
  regency: string;
  district: string;
  village: string;
  latitude: string;
  longitude: string;
  suggestedAgencyCode: string;
  applicationTrackingNumber: string;
  flags: string[];
  reporterName: string;
  reporterEmail: string;
  reporterPhone: string;
  idempotencyKey: string;
}

export interface RegionChoices {
  provinces: readonly RegionOption[];
  /** Every regency: the page shows the chosen province's. */
  regencies: readonly RegionOption[];
  /** The chosen regency's districts and the chosen district's villages only (empty when none is chosen). */
  districts: readonly RegionOption[];
  villages: readonly RegionOption[];
}

/** The filing form: one page, works without JavaScript; the region selects refresh by a GET round trip. */
export function FilingPage(props: {
  ctx: PageContext;
  values: FilingValues;
  categories: readonly CategorySummary[];
  regions: RegionChoices;
  signedIn: boolean;
  errors: readonly FieldError[];
  similar: readonly DuplicateSuggestion[];
  /** Tiles for the location picker; undefined: no map. */
  mapTiles: MapTiles | undefined;
}) {
  const { ctx, values, errors } = props;
  const { t } = ctx;
  const regencies = values.province ? props.regions.regencies.filter((regency) => regency.code.startsWith(`${values.province}.`)) : [];
  // The regency list answers for the whole region code (its errors point there); each list shows once the level above is chosen.
  const regionLevels = [
    {
      name: 'province',
      id: 'field-province',
      options: props.regions.provinces,
      choose: 'complaintPages.new.chooseProvince',
      refresh: 'complaintPages.new.refreshRegions',
    },
    { name: 'regency', id: 'field-regionCode', options: regencies, choose: 'complaintPages.new.chooseRegency', refresh: 'complaintPages.new.refreshDistricts' },
    {
      name: 'district',
      id: 'field-district',
      options: props.regions.districts,
      choose: 'complaintPages.new.chooseDistrict',
      refresh: 'complaintPages.new.refreshVillages',
    },
    { name: 'village', id: 'field-village', options: props.regions.villages, choose: 'complaintPages.new.chooseVillage', refresh: undefined },
  ] as const;
  const shownLevels = regionLevels.filter((level, index) => index === 0 || level.options.length > 0);
  return (
    <Layout ctx={ctx} title={t('complaintPages.new.title')} map={props.mapTiles !== undefined}>
      <ErrorSummary ctx={ctx} errors={errors} />
      <h1>{t('complaintPages.new.title')}</h1>
      <p class="lead">{t('complaintPages.new.lead')}</p>
      {props.signedIn ? <p>{t('complaintPages.new.signedInNote')}</p> : null}
      <SimilarReports ctx={ctx} similar={props.similar} />
      {/* Attachments are stored for an account only (the storage keeps each file's owner), so guests post a plain form. */}
      <form method="post" action="/complaints/new" novalidate {...(props.signedIn ? { enctype: 'multipart/form-data' } : {})}>
        <input type="hidden" name="_csrf" value={ctx.csrfToken()} />
        <input type="hidden" name="idempotencyKey" value={values.idempotencyKey} />
        <Radios
          ctx={ctx}
          id="field-kind"
          name="kind"
          legend={t('complaintPages.new.kind')}
          value={values.kind}
          error={errorFor(errors, 'field-kind')}
          items={KINDS.map((kind) => ({ value: kind, label: t(`complaints.kind.${kind}`) }))}
        />
        <Select
          ctx={ctx}
          id="field-categoryCode"
          name="categoryCode"
          label={t('complaintPages.new.category')}
          value={values.categoryCode}
          error={errorFor(errors, 'field-categoryCode')}
          options={[
            { value: '', label: t('complaintPages.new.chooseCategory') },
            ...props.categories.map((category) => ({ value: category.code, label: named(ctx, category.name) })),
          ]}
        />
        <TextInput
          ctx={ctx}
          id="field-title"
          name="title"
          label={t('complaintPages.new.titleLabel')}
          hint={t('complaintPages.new.titleHint')}
          value={values.title}
          error={errorFor(errors, 'field-title')}
        />
        <Textarea
          ctx={ctx}
          id="field-description"
          name="description"
          label={t('complaintPages.new.description')}
          hint={t('complaintPages.new.descriptionHint')}
          value={values.description}
          error={errorFor(errors, 'field-description')}
          rows={8}
        />
        <TextInput
          ctx={ctx}
          id="field-incidentDate"
          name="incidentDate"
          label={t('complaintPages.new.incidentDate')}
          hint={t('complaintPages.new.incidentDateHint')}
          value={values.incidentDate}
          error={errorFor(errors, 'field-incidentDate')}
          width={10}
          optional
        />
        <Fieldset ctx={ctx} id="location" legend={t('complaintPages.new.location')} hint={t('complaintPages.new.locationHint')}>
          <TextInput
            ctx={ctx}
            id="field-address"
            name="address"
            label={t('complaintPages.new.address')}
            value={values.address}
            error={errorFor(errors, 'field-address')}
            autocomplete="street-address"
            optional
          />
          {/* Without JavaScript each list follows the level above by a GET round trip that keeps what was typed. */}
          {shownLevels.map((level) => (
            <>
              <Select
                ctx={ctx}
                id={level.id}
                name={level.name}
                label={t(`complaintPages.new.${level.name}`)}
                value={values[level.name]}
                error={errorFor(errors, level.id)}
                optional
                options={[{ value: '', label: t(level.choose) }, ...regionOptions(level.options)]}
              />
              {level.refresh ? <RefreshRegions label={t(level.refresh)} /> : null}
            </>
          ))}
          <p class="hint">{t('complaintPages.new.pointHint')}</p>
          <LocationPicker ctx={ctx} tiles={props.mapTiles} latitudeId="field-latitude" longitudeId="field-longitude" />
          <TextInput
            ctx={ctx}
            id="field-latitude"
            name="latitude"
            label={t('complaintPages.new.latitude')}
            value={values.latitude}
            error={errorFor(errors, 'field-latitude')}
            inputMode="text"
            width={10}
            optional
          />
          <TextInput
            ctx={ctx}
            id="field-longitude"
            name="longitude"
            label={t('complaintPages.new.longitude')}
            value={values.longitude}
            error={errorFor(errors, 'field-longitude')}
            inputMode="text"
            width={10}
            optional
          />
        </Fieldset>
        <TextInput
          ctx={ctx}
          id="field-suggestedAgencyCode"
          name="suggestedAgencyCode"
          label={t('complaintPages.new.agency')}
          hint={t('complaintPages.new.agencyHint')}
          value={values.suggestedAgencyCode}
          error={errorFor(errors, 'field-suggestedAgencyCode')}
          optional
        />
        {props.signedIn ? (
          <TextInput
            ctx={ctx}
            id="field-applicationTrackingNumber"
            name="applicationTrackingNumber"
            label={t('complaintPages.new.application')}
            hint={t('complaintPages.new.applicationHint')}
            value={values.applicationTrackingNumber}
            error={errorFor(errors, 'field-applicationTrackingNumber')}
            width={10}
            optional
          />
        ) : null}
        {props.signedIn ? (
          <FileInput
            ctx={ctx}
            id="field-fileIds"
            name="files"
            label={t('complaintPages.new.files')}
            hint={t('complaintPages.new.filesHint')}
            accept="application/pdf,image/jpeg,image/png"
            multiple
            optional
            error={errorFor(errors, 'field-fileIds')}
          />
        ) : null}
        <Checkboxes
          ctx={ctx}
          id="field-flags"
          name="flags"
          legend={t('complaintPages.new.privacy')}
          values={values.flags}
          items={[
            { value: 'secret', label: t('complaintPages.new.secret'), hint: t('complaintPages.new.secretHint') },
            { value: 'anonymous', label: t('complaintPages.new.anonymous'), hint: t('complaintPages.new.anonymousHint') },
          ]}
        />
        {props.signedIn ? null : (
          <Fieldset ctx={ctx} id="contact" legend={t('complaintPages.new.contact')} hint={t('complaintPages.new.contactHint')}>
            <TextInput
              ctx={ctx}
              id="field-reporterName"
              name="reporterName"
              label={t('complaintPages.new.name')}
              value={values.reporterName}
              error={errorFor(errors, 'field-reporterName')}
              autocomplete="name"
              optional
            />
            <TextInput
              ctx={ctx}
              id="field-reporterEmail"
              name="reporterEmail"
              type="email"
              label={t('complaintPages.new.email')}
              value={values.reporterEmail}
              error={errorFor(errors, 'field-reporterEmail')}
              autocomplete="email"
              optional
            />
            <TextInput
              ctx={ctx}
              id="field-reporterPhone"
              name="reporterPhone"
              type="tel"
              label={t('complaintPages.new.phone')}
              value={values.reporterPhone}
              error={errorFor(errors, 'field-reporterPhone')}
              autocomplete="tel"
              optional
            />
          </Fieldset>
        )}
        <Button>{t('complaintPages.new.submit')}</Button>
      </form>
    </Layout>
  );
}

const regionOptions = (regions: readonly RegionOption[]) => regions.map((region) => ({ value: region.code, label: region.name }));

/** Sends the form by GET to show the list of the level below the one just chosen. */
function RefreshRegions({ label }: { label: string }) {
  return (
    <button type="submit" class="button button--secondary" name="refresh" value="regions" formMethod="get" formAction="/complaints/new">
      {label}
    </button>
  );
}

/** The confirmation: tracking id large enough to write down; for guests the follow-up link, shown once. */
export function FiledPage(props: {
  ctx: PageContext;
  trackingId: string;
  followUpUrl?: string | undefined;
  replayed: boolean;
  mineHref?: string | undefined;
  similar: readonly DuplicateSuggestion[];
}) {
  const { ctx, trackingId } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('complaintPages.done.title')}>
      <div class="panel">
        <h1 class="panel__title">{t('complaintPages.done.title')}</h1>
        <p class="panel__body">
          {t('complaintPages.done.number')}
          <br />
          <strong class="tracking-number" data-tracking-id={trackingId}>
            {trackingId}
          </strong>
        </p>
      </div>
      {props.followUpUrl ? (
        <NotificationBanner ctx={ctx} id="follow-up">
          <h2>{t('complaintPages.done.followTitle')}</h2>
          <p>{t('complaintPages.done.followBody')}</p>
          <p>
            <a href={props.followUpUrl} data-follow-up>
              {props.followUpUrl}
            </a>
          </p>
        </NotificationBanner>
      ) : null}
      {props.replayed ? <p>{t('complaintPages.done.replayed')}</p> : null}
      <p>{t('complaintPages.done.next')}</p>
      {props.mineHref ? (
        <p>
          <a href={props.mineHref}>{t('complaintPages.done.mine')}</a>
        </p>
      ) : null}
      <SimilarReports ctx={ctx} similar={props.similar} />
    </Layout>
  );
}

/** "Similar reports — support one instead?": links to public reports, each with its "me too" button. */
function SimilarReports({ ctx, similar }: { ctx: PageContext; similar: readonly DuplicateSuggestion[] }) {
  const { t } = ctx;
  if (similar.length === 0) return null;
  return (
    <section id="similar" aria-labelledby="similar-title">
      <h2 id="similar-title">{t('complaintPages.similar.title')}</h2>
      <p>{t('complaintPages.similar.lead')}</p>
      <ul>
        {similar.map((item) => (
          <li key={item.trackingId}>
            <a href={`/complaints/${item.trackingId}`}>{item.title}</a> <ComplaintStatusTag ctx={ctx} status={item.status} />
          </li>
        ))}
      </ul>
    </section>
  );
}
