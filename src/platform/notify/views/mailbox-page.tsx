import { SummaryList } from '../../ui/components/summary-list.tsx';
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

/**
 * One message per section rather than one table row: the text is long, and on a phone a wide table
 * would push the code off the screen.
 */
function Message({ ctx, entry }: { ctx: PageContext; entry: MailboxEntry }) {
  const { t } = ctx;
  const headingId = `message-${entry.id}`;
  // The message is in its recipient's language, which may differ from the page's.
  const text = entry.text === undefined ? <p>{t('notify.mailbox.unreadable')}</p> : <PlainText text={entry.text} />;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{entry.label ? t(entry.label) : entry.kind}</h2>
      <SummaryList
        rows={[
          { key: t('notify.mailbox.time'), value: ctx.format.dateTime(entry.createdAt) },
          { key: t('notify.mailbox.channel'), value: t(`notify.channel.${entry.channel}`) },
          { key: t('notify.mailbox.recipient'), value: entry.recipient ?? '—' },
          { key: t('notify.mailbox.status'), value: <Status ctx={ctx} entry={entry} /> },
          ...(entry.subject !== undefined ? [{ key: t('notify.mailbox.subject'), value: <span lang={entry.locale}>{entry.subject}</span> }] : []),
          { key: t('notify.mailbox.message'), value: <div lang={entry.locale}>{text}</div> },
        ]}
      />
    </section>
  );
}

export function MailboxPage({ ctx, entries, limit }: { ctx: PageContext; entries: readonly MailboxEntry[]; limit: number }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('notify.mailbox.title')}>
      <h1>{t('notify.mailbox.title')}</h1>
      <p class="lead">{t('notify.mailbox.lead')}</p>
      <p>
        <a href="/dev/mailbox">{t('notify.mailbox.refresh')}</a>
      </p>
      {entries.length === 0 ? (
        <p>{t('notify.mailbox.empty')}</p>
      ) : (
        <>
          <p class="secondary">{t('notify.mailbox.order', { limit })}</p>
          {entries.map((entry) => (
            <Message key={entry.id} ctx={ctx} entry={entry} />
          ))}
        </>
      )}
    </Layout>
  );
}
