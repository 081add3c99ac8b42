import type { Services } from '../../services.ts';

/** `loket open311 keys create --name NAME`: issues a partner key and prints it once. Returns the exit code. */
export async function createOpen311KeyCommand(
  services: Pick<Services, 'open311Keys'>,
  options: { name?: string | undefined; perMinute?: string | undefined },
  out: { stdout: (text: string) => unknown; stderr: (text: string) => unknown },
): Promise<number> {
  const perMinute = options.perMinute === undefined ? undefined : Number(options.perMinute);
  const created = await services.open311Keys.create(
    { name: options.name ?? '', requestsPerMinute: perMinute },
    // Whoever runs the command on the server: no account, so the role says where it came from.
    { actor: { accountId: null, role: 'operator', agencyId: null } },
  );
  if (!created.ok) {
    out.stderr(`loket: key not created: ${created.problem === 'name' ? '--name is required (1 to 100 characters)' : '--per-minute must be 1 to 100000'}\n`);
    return 2;
  }
  out.stdout(`Open311 API key ${created.id} created.\n${created.key}\nIt is shown only this once; only its hash is kept.\n`);
  return 0;
}
