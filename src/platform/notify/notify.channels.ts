import type { Config } from '../../config.ts';
import { type CircuitBreakerOptions, type CircuitState, createCircuitBreaker, DEFAULT_CIRCUIT, withCircuitBreaker } from './circuit-breaker.ts';
import { createSmtpSender } from './notify.email.ts';
import { createGatewaySender } from './notify.gateway.ts';
import type { Channels } from './notify.sender.ts';
import type { NotifyLog } from './notify.service.ts';

type ChannelConfig = Pick<Config, 'smtpUrl' | 'mailFrom' | 'messageGatewayUrl' | 'messageGatewaySecret'>;

/**
 * The senders Loket's configuration enables: e-mail over SMTP, SMS and WhatsApp through one HTTP
 * gateway. Each server sits behind its own circuit breaker (SMS and WhatsApp share the gateway's), so
 * that an unreachable or hanging server is not waited on for every queued message: while it is open,
 * attempts fail at once and the messages wait for their retry (see circuit-breaker.ts). With `log`,
 * each change of a breaker's state is logged (server and state only).
 */
export function channelsFromConfig(config: ChannelConfig, circuit: CircuitBreakerOptions = DEFAULT_CIRCUIT, log?: NotifyLog): Channels {
  const breaker = (server: 'smtp' | 'gateway') =>
    createCircuitBreaker({
      ...circuit,
      onStateChange: (state: CircuitState) => {
        circuit.onStateChange?.(state);
        if (state === 'open') log?.warn({ server, state }, 'circuit breaker open: deliveries deferred');
        else log?.info({ server, state }, 'circuit breaker state changed');
      },
    });
  const channels: Channels = {};
  if (config.smtpUrl) {
    channels.email = withCircuitBreaker(createSmtpSender({ url: config.smtpUrl, from: config.mailFrom }), breaker('smtp'), 'smtp');
  }
  if (config.messageGatewayUrl && config.messageGatewaySecret) {
    const gateway = createGatewaySender({ url: config.messageGatewayUrl, secret: Buffer.from(config.messageGatewaySecret, 'base64') });
    const guarded = withCircuitBreaker(gateway, breaker('gateway'), 'gateway');
    channels.sms = guarded;
    channels.whatsapp = guarded;
  }
  return channels;
}
