// The SKM arithmetic of PermenPANRB 14/2017, kept pure so that the acceptance example is checked
// without a database. Everything the index pages, the dashboard and the open data publish goes
// through computeSkm.

/** The nine SKM elements, in the regulation's order (U1–U9). */
export const SKM_ELEMENTS = ['requirements', 'procedure', 'time', 'cost', 'product', 'competence', 'behaviour', 'complaints', 'facilities'] as const;
export type SkmElement = (typeof SKM_ELEMENTS)[number];
export const ELEMENT_COUNT = SKM_ELEMENTS.length;

/** Each element is weighed equally: exactly 1/9, not the 0.111 some tools round it to (the regulation's default). */
export const EXACT_WEIGHT = 1 / ELEMENT_COUNT;

export type SkmGrade = 'A' | 'B' | 'C' | 'D';

/** Lower bounds of the converted score (IKM × 25), best grade first. */
export const GRADE_BOUNDS: readonly { grade: SkmGrade; min: number }[] = [
  { grade: 'A', min: 88.31 },
  { grade: 'B', min: 76.61 },
  { grade: 'C', min: 65.0 },
  { grade: 'D', min: 25.0 },
];

/**
 * Scores are sums of quarters and ninths, so a score that is exactly on a bound in decimal (88.31) may
 * come out of binary arithmetic a hair below it; this much is forgiven before a grade is lowered.
 */
const BOUND_TOLERANCE = 1e-9;

/** The converted score's grade; undefined below 25 (impossible for valid answers). */
export function gradeOf(score: number): SkmGrade | undefined {
  return GRADE_BOUNDS.find((bound) => score + BOUND_TOLERANCE >= bound.min)?.grade;
}

/**
 * Krejcie & Morgan (1970), table 1: the sample for a population of N at 95% confidence, 5% margin.
 * The published table, not the formula behind it, because that is what auditors check against (the
 * two differ by one at N = 100,000).
 */
// biome-ignore format: a table reads best as a table
export const KREJCIE_MORGAN: readonly (readonly [population: number, sample: number])[] = [
  [10, 10], [15, 14], [20, 19], [25, 24], [30, 28], [35, 32], [40, 36], [45, 40], [50, 44], [55, 48],
  [60, 52], [65, 56], [70, 59], [75, 63], [80, 66], [85, 70], [90, 73], [95, 76], [100, 80], [110, 86],
  [120, 92], [130, 97], [140, 103], [150, 108], [160, 113], [170, 118], [180, 123], [190, 127], [200, 132],
  [210, 136], [220, 140], [230, 144], [240, 148], [250, 152], [260, 155], [270, 159], [280, 162], [290, 165],
  [300, 169], [320, 175], [340, 181], [360, 186], [380, 191], [400, 196], [420, 201], [440, 205], [460, 210],
  [480, 214], [500, 217], [550, 226], [600, 234], [650, 242], [700, 248], [750, 254], [800, 260], [850, 265],
  [900, 269], [950, 274], [1000, 278], [1100, 285], [1200, 291], [1300, 297], [1400, 302], [1500, 306],
  [1600, 310], [1700, 313], [1800, 317], [1900, 320], [2000, 322], [2200, 327], [2400, 331], [2600, 335],
  [2800, 338], [3000, 341], [3500, 346], [4000, 351], [4500, 354], [5000, 357], [6000, 361], [7000, 364],
  [8000, 367], [9000, 368], [10000, 370], [15000, 375], [20000, 377], [30000, 379], [40000, 380], [50000, 381],
  [75000, 382], [100000, 384], [1000000, 384],
];

/**
 * The respondents needed for a population (people served in the period). Between two rows of the
 * table the larger row's sample is asked, so a sample judged adequate is never one the table would
 * call too small; never more than the population itself, and 384 from 100,000 up.
 */
export function requiredSample(population: number): number {
  if (!Number.isFinite(population) || population <= 0) return 0;
  const n = Math.ceil(population);
  const row = KREJCIE_MORGAN.find(([size]) => size >= n);
  return Math.min(n, row ? row[1] : 384);
}

/** Per element, the sum of the scores given; with the number of respondents (each answers all nine). */
export interface ElementTotals {
  respondents: number;
  /** Nine sums, U1–U9. */
  sums: readonly number[];
}

export interface SkmOptions {
  /** The weight of each element; default exactly 1/9. */
  weight?: number;
  /** People served in the period (completed applications), for the sample check; undefined: not judged. */
  population?: number | undefined;
}

export interface SkmSample {
  population: number;
  required: number;
  adequate: boolean;
}

export interface SkmIndex {
  respondents: number;
  weight: number;
  /** Average score per element (NRR = sum ÷ respondents), U1–U9. */
  nrr: number[];
  /** Σ NRR × weight, 1–4. */
  ikm: number;
  /** IKM × 25, 25–100. */
  score: number;
  grade: SkmGrade;
  sample?: SkmSample;
}

/**
 * The index of a set of answers, exactly as PermenPANRB 14/2017 defines it. Undefined when nobody
 * answered (there is no index of nothing). Throws a RangeError for totals no valid answers can add up
 * to, which would only come from a bug upstream.
 */
export function computeSkm(totals: ElementTotals, options: SkmOptions = {}): SkmIndex | undefined {
  const weight = options.weight ?? EXACT_WEIGHT;
  if (!(weight > 0 && weight <= 1)) throw new RangeError('weight must be in (0, 1]');
  const { respondents, sums } = totals;
  if (!Number.isInteger(respondents) || respondents < 0) throw new RangeError('respondents must be a whole number');
  if (sums.length !== ELEMENT_COUNT) throw new RangeError(`expected ${ELEMENT_COUNT} element sums`);
  if (respondents === 0) return undefined;
  for (const sum of sums) {
    if (!Number.isInteger(sum) || sum < respondents || sum > 4 * respondents) throw new RangeError('element sum out of range');
  }
  const nrr = sums.map((sum) => sum / respondents);
  // Σ(NRR) × weight rather than Σ(NRR × weight): one rounding instead of nine, and for the exact
  // weight the same as the regulation's "average of the nine averages".
  const ikm = nrr.reduce((total, value) => total + value, 0) * weight;
  const score = ikm * 25;
  const grade = gradeOf(score) ?? 'D';
  const result: SkmIndex = { respondents, weight, nrr, ikm, score, grade };
  if (options.population !== undefined) {
    // No one answers who was not served: a count of the served that lags behind is taken as at least the respondents.
    const population = Math.max(Math.floor(options.population), respondents);
    const required = requiredSample(population);
    result.sample = { population, required, adequate: respondents >= required };
  }
  return result;
}

/** Adds element totals (several units into an agency, several days into a period). */
export function addTotals(parts: readonly ElementTotals[]): ElementTotals {
  const sums = Array.from({ length: ELEMENT_COUNT }, () => 0);
  let respondents = 0;
  for (const part of parts) {
    respondents += part.respondents;
    part.sums.forEach((sum, index) => {
      sums[index] = (sums[index] ?? 0) + sum;
    });
  }
  return { respondents, sums };
}
