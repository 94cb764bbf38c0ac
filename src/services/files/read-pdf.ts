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

export function readPdfFile(file: string, field: string): PdfFile {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw ValidationError.single(field, `cannot read ${file}: ${(error as Error).message}`);
  }
  if (size > MAX_PDF_BYTES) checkPdf(new Uint8Array(size), basename(file), field);
  const bytes = readFileSync(file);
  checkPdf(bytes, basename(file), field);
  return { filename: basename(file), content_type: 'application/pdf', data_base64: bytes.toString('base64'), size_bytes: bytes.length };
}
