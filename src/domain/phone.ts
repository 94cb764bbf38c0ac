/**
 * Reading a local phone number with a country: `0701112233` in Sweden is +46701112233. Countries with a
 * trunk prefix drop their leading 0; the others (Norway, Denmark, Spain, Poland, the US) put the country
 * code in front of the number as written. `00` starts an international number in every core market.
 */
interface Dialling {
  code: string;
  /** The national number starts with this trunk prefix, dropped in international form. */
  trunk?: '0';
}

export const DIALLING: Readonly<Record<string, Dialling>> = {
  SE: { code: '46', trunk: '0' },
  NO: { code: '47' },
  FI: { code: '358', trunk: '0' },
  DK: { code: '45' },
  GB: { code: '44', trunk: '0' },
  DE: { code: '49', trunk: '0' },
  NL: { code: '31', trunk: '0' },
  AT: { code: '43', trunk: '0' },
  CH: { code: '41', trunk: '0' },
  US: { code: '1' },
  ES: { code: '34' },
  FR: { code: '33', trunk: '0' },
  BE: { code: '32', trunk: '0' },
  PL: { code: '48' },
};

/**
 * The E.164 form of a local number (digits only, no `+`), or undefined when the country is unknown or
 * the number is not written the way that country writes local numbers.
 */
export function localToE164(digits: string, country: string): string | undefined {
  if (!/^\d+$/.test(digits)) return undefined;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  const dialling = DIALLING[country.trim().toUpperCase()];
  if (!dialling) return undefined;
  if (dialling.trunk) return digits.startsWith(dialling.trunk) ? `+${dialling.code}${digits.slice(1)}` : undefined;
  return digits.startsWith('0') ? undefined : `+${dialling.code}${digits}`;
}
