/**
 * Standard VAT rates of the core markets (percent × 100), used only as the suggested default when a
 * person types lines interactively; scripts always give `tax=` explicitly. Rates as of 2025.
 */
export const STANDARD_VAT: Readonly<Record<string, number>> = {
  SE: 2500,
  NO: 2500,
  FI: 2550,
  DK: 2500,
  GB: 2000,
  DE: 1900,
  NL: 2100,
  AT: 2000,
  CH: 810,
  US: 0,
  ES: 2100,
  FR: 2000,
  BE: 2100,
  PL: 2300,
};

/** The suggested tax rate for a country, as typed (`25`, `25.5`, `8.1`); 25 when unknown. */
export function suggestedTaxRate(country: string): string {
  const rate = STANDARD_VAT[country.trim().toUpperCase()] ?? 2500;
  return String(rate / 100);
}
