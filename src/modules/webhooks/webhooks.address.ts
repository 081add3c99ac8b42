import { isIPv4, isIPv6 } from 'node:net';

/**
 * Why an address may not receive webhooks outside development and tests. 'public' is the only
 * class Loket connects to in production: everything else reaches into Loket's own network (SSRF).
 */
export type AddressClass = 'public' | 'unspecified' | 'loopback' | 'private' | 'link_local' | 'unique_local' | 'cgnat' | 'multicast' | 'reserved' | 'invalid';

interface Range {
  prefix: readonly number[];
  bits: number;
  kind: Exclude<AddressClass, 'public' | 'invalid'>;
}

const V4_RANGES: readonly Range[] = [
  { prefix: [0, 0, 0, 0], bits: 8, kind: 'unspecified' },
  { prefix: [10, 0, 0, 0], bits: 8, kind: 'private' },
  { prefix: [100, 64, 0, 0], bits: 10, kind: 'cgnat' },
  { prefix: [127, 0, 0, 0], bits: 8, kind: 'loopback' },
  { prefix: [169, 254, 0, 0], bits: 16, kind: 'link_local' },
  { prefix: [172, 16, 0, 0], bits: 12, kind: 'private' },
  // IETF protocol assignments, documentation and benchmarking networks: never a real receiver.
  { prefix: [192, 0, 0, 0], bits: 24, kind: 'reserved' },
  { prefix: [192, 0, 2, 0], bits: 24, kind: 'reserved' },
  { prefix: [192, 88, 99, 0], bits: 24, kind: 'reserved' },
  { prefix: [192, 168, 0, 0], bits: 16, kind: 'private' },
  { prefix: [198, 18, 0, 0], bits: 15, kind: 'reserved' },
  { prefix: [198, 51, 100, 0], bits: 24, kind: 'reserved' },
  { prefix: [203, 0, 113, 0], bits: 24, kind: 'reserved' },
  { prefix: [224, 0, 0, 0], bits: 4, kind: 'multicast' },
  // 240/4 includes the broadcast address 255.255.255.255.
  { prefix: [240, 0, 0, 0], bits: 4, kind: 'reserved' },
];

const V6_RANGES: readonly Range[] = [
  { prefix: [0x00, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], bits: 64, kind: 'reserved' }, // 100::/64 discard
  { prefix: [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], bits: 48, kind: 'private' }, // 64:ff9b:1::/48 local-use NAT64
  { prefix: [0x20, 0x01, 0x0d, 0xb8], bits: 32, kind: 'reserved' }, // documentation
  { prefix: [0x20, 0x01, 0x00, 0x00], bits: 32, kind: 'reserved' }, // Teredo: tunnels to an address we cannot check
  { prefix: [0x20, 0x01, 0x00, 0x10], bits: 28, kind: 'reserved' }, // ORCHID
  { prefix: [0x20, 0x01, 0x00, 0x20], bits: 28, kind: 'reserved' }, // ORCHIDv2
  { prefix: [0x3f, 0xff], bits: 20, kind: 'reserved' }, // documentation (RFC 9637)
  { prefix: [0xfc], bits: 7, kind: 'unique_local' },
  { prefix: [0xfe, 0x80], bits: 10, kind: 'link_local' },
  { prefix: [0xfe, 0xc0], bits: 10, kind: 'private' }, // deprecated site-local
  { prefix: [0xff], bits: 8, kind: 'multicast' },
];

function inRange(bytes: readonly number[], range: Range): boolean {
  let bits = range.bits;
  for (let i = 0; bits > 0; i++, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}

function classifyV4(bytes: readonly number[]): AddressClass {
  return V4_RANGES.find((range) => inRange(bytes, range))?.kind ?? 'public';
}

function v4Bytes(address: string): number[] {
  return address.split('.').map(Number);
}

/** The 16 bytes of a valid IPv6 address (checked with isIPv6 first), dotted-quad tail included. */
function v6Bytes(address: string): number[] {
  let text = address;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    tail.push(...v4Bytes(text.slice(lastColon + 1)));
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const [head = '', rest] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const restGroups = rest === undefined || rest === '' ? [] : rest.split(':');
  const zeros = rest === undefined ? 0 : 8 - headGroups.length - restGroups.length;
  const groups = [...headGroups, ...Array<string>(zeros).fill('0'), ...restGroups].map((group) => Number.parseInt(group, 16));
  const bytes = groups.flatMap((group) => [group >> 8, group & 0xff]);
  if (tail.length === 4) bytes.splice(12, 4, ...tail);
  return bytes;
}

const isZero = (bytes: readonly number[]) => bytes.every((byte) => byte === 0);

/**
 * Classifies an IP address (IPv4, or IPv6 with an optional zone). IPv6 forms that carry an IPv4
 * address (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) take the class of the
 * IPv4 address inside, so a private address cannot be smuggled in IPv6 clothing.
 */
export function classifyAddress(input: string): AddressClass {
  const address = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  if (isIPv4(address)) return classifyV4(v4Bytes(address));
  // A zone (fe80::1%eth0) only ever names a link-local interface; classify the address itself.
  const [unzoned = '', zone, ...more] = address.split('%');
  if (!isIPv6(unzoned) || more.length > 0 || (zone !== undefined && !/^[A-Za-z0-9_.-]{1,64}$/.test(zone))) return 'invalid';
  const bytes = v6Bytes(unzoned);
  const first10 = bytes.slice(0, 10);
  const first12 = bytes.slice(0, 12);
  if (isZero(bytes)) return 'unspecified';
  if (isZero(bytes.slice(0, 15)) && bytes[15] === 1) return 'loopback';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::ffff:0:a.b.c.d (IPv4-translated).
  if (isZero(first10) && bytes[10] === 0xff && bytes[11] === 0xff) return classifyV4(bytes.slice(12));
  if (isZero(bytes.slice(0, 8)) && bytes[8] === 0xff && bytes[9] === 0xff && bytes[10] === 0 && bytes[11] === 0) return classifyV4(bytes.slice(12));
  // ::a.b.c.d, the deprecated IPv4-compatible form: no router forwards it.
  if (isZero(first12)) return 'reserved';
  if (inRange(bytes, { prefix: [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], bits: 96, kind: 'reserved' })) return classifyV4(bytes.slice(12));
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return classifyV4(bytes.slice(2, 6));
  return V6_RANGES.find((range) => inRange(bytes, range))?.kind ?? 'public';
}

/** True when Loket may connect to the address in production. */
export function isPublicAddress(address: string): boolean {
  return classifyAddress(address) === 'public';
}
