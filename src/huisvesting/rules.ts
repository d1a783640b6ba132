/**
 * The arithmetic of the taakstelling, pure: Huisvestingswet 2014 art. 29 and Integrale Handreiking 4.2.6.
 * Everything here is unit-tested by hand-worked examples and properties.
 */

/** A calendar half-year: 1 = January–June, 2 = July–December. */
export interface HalfYear {
  year: number;
  half: 1 | 2;
}

const HALF_YEAR = /^(\d{4})-(I|II)$/;

/** `2021-I` / `2021-II`, the way the Handreiking and the ministry write them. */
export function parseHalfYear(value: string): HalfYear | null {
  const match = HALF_YEAR.exec(value);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  return { year, half: match[2] === 'I' ? 1 : 2 };
}

export function formatHalfYear({ year, half }: HalfYear): string {
  return `${year}-${half === 1 ? 'I' : 'II'}`;
}

/** Comparable as a number: 2021-I → 4042, 2021-II → 4043. */
export const ordinal = ({ year, half }: HalfYear): number => year * 2 + half - 1;
export const fromOrdinal = (n: number): HalfYear => ({ year: Math.floor(n / 2), half: ((n % 2) + 1) as 1 | 2 });

/** Art. 29(1): populations of 1 January of the year before the half-year. */
export function populationDate({ year }: HalfYear): string {
  return `${year - 1}-01-01`;
}

/** The first day after the half-year: the peildatum at which its achterstand or voorsprong is measured. */
export function peildatumAfter({ year, half }: HalfYear): string {
  return half === 1 ? `${year}-07-01` : `${year + 1}-01-01`;
}

/** The half-year that ends the day before a peildatum (1 January or 1 July), or null for any other date. */
export function halfYearEndingBefore(peildatum: string): HalfYear | null {
  const match = /^(\d{4})-(01|07)-01$/.exec(peildatum);
  if (!match) return null;
  const year = Number(match[1]);
  return match[2] === '07' ? { year, half: 1 } : { year: year - 1, half: 2 };
}

/**
 * Art. 29(1): ⌈ national × inhabitants of the gemeente ÷ inhabitants of the Netherlands ⌉, rounded up. In exact
 * integer arithmetic: a float product could land a hair above a whole number and round up once too often.
 */
export function gemeenteTaakstelling(national: number, inhabitants: number, inhabitantsNL: number): number {
  if (!Number.isInteger(national) || !Number.isInteger(inhabitants) || !Number.isInteger(inhabitantsNL) || national < 0 || inhabitants < 0 || inhabitantsNL <= 0) {
    throw new RangeError('taakstelling needs whole, non-negative numbers and a positive national population');
  }
  const n = BigInt(national) * BigInt(inhabitants);
  const d = BigInt(inhabitantsNL);
  return Number((n + d - 1n) / d);
}

export interface TransferPart {
  gemeenteCode: string;
  /** Positive: takes over; negative: hands over. */
  change: number;
}

/** Why a herverdeling cannot be recorded (art. 29(2)), or null when it may. */
export function herverdelingProblem(parts: readonly TransferPart[], taakstellingOf?: (gemeenteCode: string) => number | undefined): { message: string; field: string } | null {
  if (parts.length < 2) return { message: 'A herverdeling is among two or more gemeenten (art. 29(2) Huisvestingswet 2014)', field: 'input.parts' };
  const seen = new Set<string>();
  for (const [index, part] of parts.entries()) {
    if (seen.has(part.gemeenteCode)) return { message: `Gemeente ${part.gemeenteCode} takes part more than once`, field: `input.parts[${index}].gemeenteCode` };
    seen.add(part.gemeenteCode);
    if (!Number.isInteger(part.change) || part.change === 0 || Math.abs(part.change) > 100_000) {
      return { message: 'change must be a whole number other than 0 (at most 100,000 either way)', field: `input.parts[${index}].change` };
    }
    const own = taakstellingOf?.(part.gemeenteCode);
    if (own !== undefined && own + part.change < 0) {
      return { message: `Gemeente ${part.gemeenteCode} cannot hand over more than its taakstelling (${own})`, field: `input.parts[${index}].change` };
    }
  }
  const sum = parts.reduce((total, part) => total + part.change, 0);
  if (sum !== 0) {
    return { message: `The sum of the taakstellingen must stay equal (art. 29(2) Huisvestingswet 2014): these changes add up to ${sum > 0 ? '+' : ''}${sum}`, field: 'input.parts' };
  }
  return null;
}

export interface HalfYearFigures {
  halfYear: HalfYear;
  /** The taakstelling after confirmed herverdelingen. */
  taakstelling: number;
  housed: number;
}

export interface HalfYearBalance extends HalfYearFigures {
  /** Carried in from earlier half-years: positive a voorsprong, negative an achterstand. */
  carriedIn: number;
  /** Taakstelling plus the achterstand carried in, less the voorsprong carried in (never below 0). */
  opgave: number;
  /** At the end of the half-year: positive a voorsprong, negative an achterstand. */
  balance: number;
}

/**
 * Achterstand carries over to the next half-year, and so does a voorsprong (Handreiking 4.2.6): a running balance
 * of housed minus taakstelling. The half-years must follow one another without gaps, earliest first.
 */
export function runningBalance(figures: readonly HalfYearFigures[]): HalfYearBalance[] {
  let carried = 0;
  return figures.map((f) => {
    const balance = carried + f.housed - f.taakstelling;
    const row = { ...f, carriedIn: carried, opgave: Math.max(0, f.taakstelling - carried), balance };
    carried = balance;
    return row;
  });
}

export const achterstand = (balance: number) => Math.max(0, -balance);
export const voorsprong = (balance: number) => Math.max(0, balance);

/** The three peildata whose provincial voorsprong is deducted from the short-term target (Handreiking 4.2.6). */
export const VEREVENING_PEILDATA = ['2021-01-01', '2021-07-01', '2022-01-01'] as const;

/**
 * Verevening: a province's voorsprong on a peildatum is the sum of its gemeenten' balances when positive (they house
 * more than their opgave together). The voorsprong at the three peildata is added up and deducted from the
 * province's short-term target (data: 417 as asked in November 2019 unless the LRT revised it), not below 0.
 */
export function verevening(provinceBalanceAt: readonly (number | null)[], target: number) {
  const voorsprongen = provinceBalanceAt.map((b) => (b === null ? null : voorsprong(b)));
  const deduction = voorsprongen.reduce<number>((sum, v) => sum + (v ?? 0), 0);
  return { voorsprongen, deduction, target, remainingTarget: Math.max(0, target - deduction) };
}
