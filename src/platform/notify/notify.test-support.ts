// Test fixtures for the notify tests: a real SMTP server, a gateway receiver, keys and captured logs.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { type ParsedMail, simpleParser } from 'mailparser';
import { pino } from 'pino';
import { SMTPServer } from 'smtp-server';
import { createDataKeyStore, type DataKeyStore } from '../crypto/data-keys.ts';
import { masterKey } from '../crypto/envelope.ts';
import type { Database } from '../db/database.ts';

/** A data key store under a fresh master key; `masterKeyBase64` lets an app built by a test share it. */
export function testDataKeys(db: Database, masterKeyBase64 = randomBytes(32).toString('base64')): { dataKeys: DataKeyStore; masterKeyBase64: string } {
  return { dataKeys: createDataKeyStore(db, { current: masterKey(Buffer.from(masterKeyBase64, 'base64')), previous: [] }), masterKeyBase64 };
}

/** A pino logger whose lines are kept, to assert what never reaches a log. */
export function capturedLog() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), text: () => lines.join('') };
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface TestSmtpServer {
  url: string;
  messages: ParsedMail[];
  /** RCPT TO commands seen, accepted or not. */
  recipientsTried: number;
  close(): Promise<void>;
}

/** An SMTP server in this process (plain, no authentication), accepting mail or rejecting every recipient. */
export async function startSmtpServer({ rejectRecipients = false } = {}): Promise<TestSmtpServer> {
  const state = { messages: [] as ParsedMail[], recipientsTried: 0 };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onRcptTo(address, _session, callback) {
      state.recipientsTried++;
      if (!rejectRecipients) return callback();
      // Real servers quote the address in their answer: the notifier must not store or log it.
      callback(Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          state.messages.push(parsed);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  // smtp-server reports a client's dropped connection (ECONNRESET) as an 'error' event, which without
  // a listener is thrown: the slow-dependency tests cut connections on purpose.
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages: state.messages,
    get recipientsTried() {
      return state.recipientsTried;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface GatewayRequest {
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestGateway {
  url: string;
  requests: GatewayRequest[];
  /** The status the next requests get (default 202). */
  respondWith(status: number): void;
  close(): Promise<void>;
}

/** An HTTP message gateway on 127.0.0.1 that records each request. */
export async function startGateway(): Promise<TestGateway> {
  const requests: GatewayRequest[] = [];
  let status = 202;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    requests,
    respondWith(next) {
      status = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
