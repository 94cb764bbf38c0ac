/**
 * Reading a phone number as people write it, with the store's country:
 * - `+46…` is international as written;
 * - `00` is the international prefix in every core market: `0046 70…` is `+4670…`;
 * - digits that start with the country's calling code, followed by a national number of a length that
 *   country uses, are that international number without its `+`: `46701234567` in Sweden is
 *   `+46701234567` (a trunk 0 written after the code is dropped: `46 070…`);
 * - anything else is a local number: countries with a trunk prefix drop their leading 0 (`0701112233` in
 *   Sweden is `+46701112233`); the others (Norway, Denmark, Spain, Poland, the US) put the calling code in
 *   front of the number as written.
 * The national lengths keep the two readings apart: a Norwegian local number has 8 digits, so `47123456`
 * is local (`+4747123456`) while `4741234567` (10 digits) is `+4741234567`; in a trunk country a local
 * number starts with 0, which no calling code does.
 */
interface Dialling {
  code: string;
  /** The national number starts with this trunk prefix, dropped in international form. */
  trunk?: '0';
  /** The lengths of the national (significant) number, without trunk prefix: fewest and most digits. */
  national: readonly [number, number];
}

export const DIALLING: Readonly<Record<string, Dialling>> = {
  SE: { code: '46', trunk: '0', national: [7, 13] },
  NO: { code: '47', national: [8, 8] },
  FI: { code: '358', trunk: '0', national: [5, 12] },
  DK: { code: '45', national: [8, 8] },
  GB: { code: '44', trunk: '0', national: [9, 10] },
  DE: { code: '49', trunk: '0', national: [6, 13] },
  NL: { code: '31', trunk: '0', national: [9, 9] },
  AT: { code: '43', trunk: '0', national: [4, 13] },
  CH: { code: '41', trunk: '0', national: [9, 9] },
  US: { code: '1', national: [10, 10] },
  ES: { code: '34', national: [9, 9] },
  FR: { code: '33', trunk: '0', national: [9, 9] },
  BE: { code: '32', trunk: '0', national: [8, 9] },
  PL: { code: '48', national: [9, 9] },
};

/**
 * A phone without what people put between its digits (spaces, dashes, dots, slashes, parentheses), and
 * without the trunk 0 some write in parentheses after the calling code (`+46 (0)70…`, `0046 (0)70…`,
 * `46 (0)70…`), which is not dialled from abroad.
 */
export function compactPhone(input: string): string {
  return input
    .trim()
    .replace(/^(\+|00)?(\d{1,3})[\s\-./]*\(0\)/, '$1$2')
    .replace(/[\s\-()./]/g, '');
}

/** E.164 allows at most 15 digits after the `+`, and no number is shorter than 8 in the core markets. */
const E164 = /^\+[1-9]\d{7,14}$/;

/** `digits` as the country's international number written without `+`, when it is one (see above). */
function withCallingCode(digits: string, dialling: Dialling): string | undefined {
  if (!digits.startsWith(dialling.code)) return undefined;
  let national = digits.slice(dialling.code.length);
  if (dialling.trunk && national.startsWith(dialling.trunk)) national = national.slice(dialling.trunk.length);
  const [fewest, most] = dialling.national;
  if (national.startsWith('0') || national.length < fewest || national.length > most) return undefined;
  const e164 = `+${dialling.code}${national}`;
  return E164.test(e164) ? e164 : undefined;
}

/** The number as the country's calling code written without `+` (`46 70 123 45 67` in SE), if it is one. */
export function callingCodeNumber(input: string, country: string): string | undefined {
  const digits = compactPhone(input);
  const dialling = DIALLING[country.trim().toUpperCase()];
  return dialling && /^\d+$/.test(digits) ? withCallingCode(digits, dialling) : undefined;
}

/**
 * The E.164 form of a number written without `+` (digits only), read with `country` as above; undefined
 * when the country is unknown or the number is not written the way that country writes its numbers.
 */
export function localToE164(digits: string, country: string): string | undefined {
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  const dialling = DIALLING[country.trim().toUpperCase()];
  if (!dialling) return undefined;
  const international = withCallingCode(digits, dialling);
  if (international) return international;
  if (dialling.trunk) return digits.startsWith(dialling.trunk) ? `+${dialling.code}${digits.slice(1)}` : undefined;
  return digits.startsWith('0') ? undefined : `+${dialling.code}${digits}`;
}
