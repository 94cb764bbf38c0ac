/**
 * Reading a user's text file whatever encoding their tool saved it in: UTF-8 (with or without a BOM) and
 * UTF-16 little- or big-endian with a BOM (Excel's "Unicode text") are decoded; anything else that is not
 * valid UTF-8 is refused with the file and the encoding named, rather than read as replacement characters
 * that would reach a payment as a mangled name or reference.
 */
import { readInputFile } from './input-file.js';
import { ValidationError } from '../errors.js';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be';

/** The encoding named by a byte order mark, else UTF-8. */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8-bom';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

const LABEL: Record<TextEncoding, string> = { 'utf-8': 'UTF-8', 'utf-8-bom': 'UTF-8 (BOM)', 'utf-16le': 'UTF-16 LE', 'utf-16be': 'UTF-16 BE' };

/** Decodes `bytes` (BOM removed); `field` and `file` name the input in the error. */
export function decodeText(bytes: Uint8Array, field: string, file: string): string {
  const encoding = detectEncoding(bytes);
  const skip = encoding === 'utf-8-bom' ? 3 : encoding === 'utf-8' ? 0 : 2;
  const decoder = new TextDecoder(encoding === 'utf-8-bom' ? 'utf-8' : encoding, { fatal: true, ignoreBOM: true });
  try {
    return decoder.decode(bytes.subarray(skip));
  } catch {
    const hint = encoding === 'utf-8' && looksLikeUtf16(bytes) ? ' (it looks like UTF-16 without a byte order mark)' : '';
    throw ValidationError.single(field, `${about(field, file)}is not valid ${LABEL[encoding]} text${hint}; save it as "CSV UTF-8" (or UTF-8 text) and try again`);
  }
}

/** The file's name to start a rule with, unless the field already is the file's name. */
export function about(field: string, file: string): string {
  return field === file ? '' : `${file} `;
}

/** Many NUL bytes in the first few hundred bytes: two-byte text with no BOM. */
function looksLikeUtf16(bytes: Uint8Array): boolean {
  const head = bytes.subarray(0, 512);
  let zeros = 0;
  for (const b of head) if (b === 0) zeros += 1;
  return head.length > 0 && zeros * 4 >= head.length;
}

/** Reads and decodes a text file; an unreadable file is a ValidationError on `field`. */
export function readTextFile(file: string, field: string): string {
  return decodeText(readInputFile(file, field), field, file);
}
