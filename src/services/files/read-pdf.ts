/**
 * Reads a PDF the user names (an invoice for a link, evidence for a dispute) under the one rule for such
 * files (domain/link-fields.ts `checkPdf`: a real PDF, not empty, at most 5 MB). A file too large is
 * refused from its size, before it is read into memory.
 */
import { basename } from 'node:path';
import { inputFileSize, readInputFile } from '../../infra/input-file.js';
import { checkPdf, MAX_PDF_BYTES } from '../../domain/link-fields.js';

export interface PdfFile {
  filename: string;
  content_type: 'application/pdf';
  data_base64: string;
  size_bytes: number;
}

export function readPdfFile(file: string, field: string): PdfFile {
  const size = inputFileSize(file, field);
  if (size > MAX_PDF_BYTES) checkPdf(new Uint8Array(size), basename(file), field);
  const bytes = readInputFile(file, field);
  checkPdf(bytes, basename(file), field);
  return { filename: basename(file), content_type: 'application/pdf', data_base64: bytes.toString('base64'), size_bytes: bytes.length };
}
