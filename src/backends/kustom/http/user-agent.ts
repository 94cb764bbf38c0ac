/** The User-Agent every Kustom request carries: `merchant-cli/<version> (Node/<ver>; <platform>/<arch>)`. */
export function userAgent(version: string): string {
  return `merchant-cli/${version} (Node/${process.version}; ${process.platform}/${process.arch})`;
}
