import type { Config } from '../../config.ts';
import { createSmtpSender } from './notify.email.ts';
import { createGatewaySender } from './notify.gateway.ts';
import type { Channels } from './notify.sender.ts';

type ChannelConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'messageGatewayUrl' | 'messageGatewaySecret'>;

/** The senders Loket's configuration enables: e-mail over SMTP, SMS and WhatsApp through one HTTP gateway. */
export function channelsFromConfig(config: ChannelConfig): Channels {
  const channels: Channels = {};
  if (config.smtpUrl) channels.email = createSmtpSender({ url: config.smtpUrl, from: config.mailFrom });
  if (config.messageGatewayUrl && config.messageGatewaySecret) {
    const gateway = createGatewaySender({ url: config.messageGatewayUrl, secret: Buffer.from(config.messageGatewaySecret, 'base64') });
    channels.sms = gateway;
    channels.whatsapp = gateway;
  }
  return channels;
}
