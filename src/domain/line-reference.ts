/**
 * The reference suggested for an order line typed at the prompt: the name as a slug (`Wool sweater` →
 * `wool-sweater`), or `L<n>` when the name has no letters or digits to make one from or the slug is taken.
 * Captures and refunds name lines by reference, so every line gets one unless the merchant clears it.
 */
const MAX_SUGGESTED = 64;

export function slugOf(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SUGGESTED)
    .replace(/-+$/, '');
}

export function suggestLineReference(name: string, taken: readonly string[], n: number): string {
  const slug = slugOf(name);
  if (slug !== '' && !taken.includes(slug)) return slug;
  let i = n;
  while (taken.includes(`L${i}`)) i++;
  return `L${i}`;
}
