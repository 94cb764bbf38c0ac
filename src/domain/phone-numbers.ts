/** Country calling codes of the purchase countries, to read a local phone number as E.164. */
const DIAL_CODES: Readonly<Record<string, string>> = {
  SE: '46', NO: '47', FI: '358', DK: '45', GB: '44', DE: '49', NL: '31', AT: '43', CH: '41', US: '1', ES: '34', FR: '33', BE: '32', PL: '48',
};

export function dialCode(country: string): string | undefined {
  return DIAL_CODES[country.trim().toUpperCase()];
}
