import type { FastifyInstance } from 'fastify';
import { cookiesFrom } from '../helpers/app.ts';

/** A browser's CSRF pair: the signed secret cookie and a token from a rendered form. */
export interface CsrfPair {
  cookie: string;
  token: string;
}

/** Reads a CSRF pair from the sign-in form, as a browser would before posting any form. */
export async function csrfPair(app: FastifyInstance): Promise<CsrfPair> {
  const response = await app.inject({ url: '/sign-in' });
  const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
  const cookie = cookiesFrom(response.headers['set-cookie']);
  if (!token || !cookie.startsWith('csrf='))
    throw new Error(`the sign-in page rendered no CSRF token and cookie (${response.statusCode}: ${response.body.slice(0, 300)})`);
  return { cookie, token };
}

/** A url-encoded form body with the CSRF token, like a page's form posts it. */
export function formBody(csrf: CsrfPair, fields: Record<string, string> = {}): string {
  return new URLSearchParams({ _csrf: csrf.token, ...fields }).toString();
}
