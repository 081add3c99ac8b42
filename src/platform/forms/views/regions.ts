/** A province or regency/city for the address selects, by Kemendagri code (`32`, `32.73`). */
export interface RegionOption {
  code: string;
  name: string;
}

/** The region table's provinces and regencies, as the page that renders an address field loads them. */
export interface RegionOptions {
  provinces: readonly RegionOption[];
  regencies: readonly RegionOption[];
}

export const NO_REGIONS: RegionOptions = { provinces: [], regencies: [] };

/** The province a regency code belongs to: its first two digits. */
export function provinceOf(regencyCode: string): string {
  return regencyCode.slice(0, 2);
}
