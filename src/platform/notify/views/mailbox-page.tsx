import { Table } from '../../ui/components/table.tsx';
import { Tag, type TagColour } from '../../ui/components/tag.tsx';
import type { PageContext } from '../../ui/context.ts';
import { Layout } from '../../ui/layout.tsx';
import type { MailboxEntry } from '../notify.service.ts';
import type { NotificationStatus } from '../notify.tables.ts';

const STATUS_COLOUR: Record<NotificationStatus, TagColour> = {
  pending: 'blue',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  dead: 'red',
};

/** Plain text as the recipient reads it: blank lines make paragraphs, single line breaks stay. */
function PlainText({ text }: { text: string }) {
  return (
    <>
      {text.split('\n\n').map((paragraph, index) => (
        <p key={index}>{paragraph.split('\n').flatMap((line, lineIndex) => (lineIndex === 0 ? [line] : [<br key={lineIndex} />, line]))}</p>
      ))}
    </>
  );
}

function Message({ ctx, entry }: { ctx: PageContext; entry: MailboxEntry }) {
  const { t } = ctx;
  if (entry.text === undefined) return <p>{t('notify.mailbox.unreadable')}</p>;
  // The message is in the recipient's language, which may differ from the page's.
  return (
    <div lang={entry.locale}>
      {entry.subject !== undefined ? (
        <p>
          <strong>{t('notify.mailbox.subject', { subject: entry.subject })}</strong>
        </p>
      ) : null}
      <PlainText text={entry.text} />
    </div>
  );
}

function Status({ ctx, entry }: { ctx: PageContext; entry: MailboxEntry }) {
  const { t } = ctx;
  return (
    <>
      <Tag text={t(`notify.status.${entry.status}`)} colour={STATUS_COLOUR[entry.status]} />
      {entry.attempts > 1 ? <p>{t('notify.mailbox.attempts', { count: entry.attempts })}</p> : null}
      {entry.lastError ? <p>{t('notify.mailbox.lastError', { reason: entry.lastError })}</p> : null}
    </>
  );
}

export function MailboxPage({ ctx, entries, limit }: { ctx: PageContext; entries: readonly MailboxEntry[]; limit: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notify.mailbox.title')} wide>
      <h1>{t('notify.mailbox.title')}</h1>
      <p class="lead">{t('notify.mailbox.lead')}</p>
      <p>
        <a href="/dev/mailbox">{t('notify.mailbox.refresh')}</a>
      </p>
      {entries.length === 0 ? (
        <p>{t('notify.mailbox.empty')}</p>
      ) : (
        <Table
          caption={t('notify.mailbox.caption', { limit })}
          firstCellIsHeader
          columns={[
            { header: t('notify.mailbox.colTime'), sort: 'descending' },
            { header: t('notify.mailbox.colKind') },
            { header: t('notify.mailbox.colChannel') },
            { header: t('notify.mailbox.colRecipient') },
            { header: t('notify.mailbox.colStatus') },
            { header: t('notify.mailbox.colMessage') },
          ]}
          rows={entries.map((entry) => [
            ctx.format.dateTime(entry.createdAt),
            entry.label ? t(entry.label) : entry.kind,
            t(`notify.channel.${entry.channel}`),
            entry.recipient ?? '—',
            <Status key="status" ctx={ctx} entry={entry} />,
            <Message key="message" ctx={ctx} entry={entry} />,
          ])}
        />
      )}
    </Layout>
  );
}
