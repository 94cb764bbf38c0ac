/**
 * Reads a PDF the user names (an invoice for a link, evidence for a dispute) under the one rule for such
 * files (domain/link-fields.ts `checkPdf`: a real PDF, not empty, at most 5 MB). A file too large is
 * refused from its size, before it is read into memory.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { ValidationError } from '../../errors.js';
import { checkPdf, MAX_PDF_BYTES } from '../../domain/link-fields.js';

export interface PdfFile {
  filename: string;
  content_type: 'application/pdf';
  data_base64: string;
  size_bytes: number;
}

/** Any file system failure (missing, a directory, no permission) is the user's input, named as such. */
const unreadable = (file: string, field: string, error: unknown): ValidationError =>
  ValidationError.single(field, `cannot read ${file}: ${(error as Error).message}`);

export function readPdfFile(file: string, field: string): PdfFile {
  let size: number;
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw ValidationError.single(field, `${file} is not a file (give a PDF file, not a directory)`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw unreadable(file, field, error);
  }
  if (size > MAX_PDF_BYTES) checkPdf(new Uint8Array(size), basename(file), field);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw unreadable(file, field, error);
  }
  checkPdf(bytes, basename(file), field);
  return { filename: basename(file), content_type: 'application/pdf', data_base64: bytes.toString('base64'), size_bytes: bytes.length };
}
