import { describe, expect, it } from 'vitest';
import { LOCALES } from '../i18n/index.ts';
import type { NotificationChannel } from './notify.tables.ts';
import { renderNotification, TEMPLATES, templateParams } from './notify.templates.ts';

const CHANNELS: readonly NotificationChannel[] = ['email', 'sms', 'whatsapp'];
const SAMPLE: Record<string, string> = {
  code: '123456',
  at: '2027-01-14T02:30:00Z',
  expiresAt: '2027-01-15T02:30:00Z',
  dueAt: '2027-01-16T02:30:00Z',
  device: 'Firefox, Android',
};

describe('notification templates', () => {
  it('render every kind on every channel in both languages with every placeholder filled', () => {
    for (const [kind, template] of Object.entries(TEMPLATES)) {
      const params = Object.fromEntries(template.params.map((name) => [name, SAMPLE[name] ?? `sample-${name}`]));
      for (const locale of LOCALES) {
        for (const channel of CHANNELS) {
          const { subject, text } = renderNotification(kind, channel, locale, params);
          expect(`${subject ?? ''} ${text}`, `${kind} ${channel} ${locale}`).not.toMatch(/\{\w+\}/);
          expect(subject === undefined, `${kind} ${channel} has a subject only by e-mail`).toBe(channel !== 'email');
          // SMS is billed per 160 characters: keep the short texts within one message.
          if (channel !== 'email') expect(text.length, `${kind} ${channel} ${locale}`).toBeLessThanOrEqual(160);
        }
      }
    }
  });

  it('show the sign-in time in the language of the recipient, in Indonesian time', () => {
    const params = { at: '2027-01-14T02:30:00Z', device: 'Firefox, Android' };
    expect(renderNotification('account.sign_in_alert', 'email', 'id', params).text).toContain(
      'Waktu: 14 Januari 2027 pukul 09.30 WIB\nPerangkat: Firefox, Android',
    );
    expect(renderNotification('account.sign_in_alert', 'email', 'en', params).text).toContain('Time: 14 January 2027 at 09:30 WIB');
  });

  it('keep only the parameters a kind declares, so nothing else is stored', () => {
    expect(templateParams('account.verify_contact', { code: '123456', nik: '3201010101010001' })).toEqual({ code: '123456' });
  });
});
