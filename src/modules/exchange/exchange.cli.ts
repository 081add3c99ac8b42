import { readFile } from 'node:fs/promises';
import type pg from 'pg';
import type { Services } from '../../services.ts';
import type { ClientProblem } from './exchange.clients.ts';
import type { RegistryImportDeps } from './exchange.import.ts';

type Out = { stdout: (text: string) => unknown; stderr: (text: string) => unknown };

const PROBLEMS: Record<ClientProblem, string> = {
  name: '--name must be 1 to 100 characters',
  agency: 'no agency has that --agency code',
  jwk: '--jwk must be a public JWK file: OKP/Ed25519 (EdDSA) or EC/P-256 (ES256), without the private part "d"',
  products: "--products must name data products whose consumers include the client's agency",
  purposes: '--purposes must be purpose codes of those products',
  requests_per_minute: '--per-minute must be 1 to 1000000',
};

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** What `loket import registry` needs from the composed services. */
export function registryImportDeps(services: Pick<Services, 'dataKeys' | 'exchange'>, pool: pg.Pool): RegistryImportDeps {
  return { pool, dataKeys: services.dataKeys, product: (code) => services.exchange.product(code), subjectIndexOf: services.exchange.subjectIndexOf };
}

/**
 * `loket exchange client create --agency CODE --purposes a,b --products x,y --jwk FILE`: registers an
 * agency system by its public key and prints the client id it puts in iss and sub. Returns the exit code.
 */
export async function createExchangeClientCommand(
  services: Pick<Services, 'exchange'>,
  options: {
    agency?: string | undefined;
    name?: string | undefined;
    purposes?: string | undefined;
    products?: string | undefined;
    jwk?: string | undefined;
    perMinute?: string | undefined;
  },
  out: Out,
): Promise<number> {
  if (!options.agency || !options.jwk) {
    out.stderr('loket: give --agency, --purposes, --products and --jwk (see loket exchange client create --help)\n');
    return 2;
  }
  let jwk: unknown;
  try {
    jwk = JSON.parse(await readFile(options.jwk, 'utf8'));
  } catch (error) {
    out.stderr(`loket: ${options.jwk}: ${(error as Error).message}\n`);
    return 2;
  }
  const created = await services.exchange.clients.create(
    {
      agencyCode: options.agency,
      name: options.name ?? `${options.agency} system`,
      jwk,
      purposes: list(options.purposes),
      products: list(options.products),
      requestsPerMinute: options.perMinute === undefined ? undefined : Number(options.perMinute),
    },
    // Whoever runs the command on the server: no account, so the role says where it came from.
    { accountId: null, role: 'operator', agencyId: null },
  );
  if (!created.ok) {
    out.stderr(`loket: client not created: ${PROBLEMS[created.problem]}\n`);
    return 2;
  }
  out.stdout(`Exchange client ${created.id} created. The agency system puts this id in the iss and sub claims of its client assertions.\n`);
  return 0;
}
