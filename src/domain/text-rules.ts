/**
 * The one rule for free text a person or a file gives (line names, references, emails, notes, store names,
 * descriptions…): no control characters, no newlines (unless the field is multi-line), no bidirectional
 * overrides or isolates (they make text read differently from what is stored), and not only invisible
 * characters. Every flag, prompt, CSV and JSON input applies it through `checkText`, so a refusal names the
 * field and reads the same wherever the value came from. `shown` shortens a value that is echoed back.
 */
import { ValidationError, type Issue } from '../errors.js';

/** C0 controls except tab/newline handled below, DEL, and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const NEWLINE = /[\r\n\u2028\u2029\u0085]/;
const TAB = /\t/;
/** LRE RLE PDF LRO RLO, LRI RLI FSI PDI, and the implicit marks LRM RLM ALM. */
const BIDI = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
/** Characters that print nothing: zero-width space/joiners, word joiner, BOM, soft hyphen, and white space. */
const INVISIBLE = /^[\s\u200B-\u200D\u2060\uFEFF\u00AD]*$/u;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;

/** How many characters of a value an error message repeats. */
export const SHOWN_MAX = 60;

/** A value as an error message repeats it: quoted, escaped, and cut to SHOWN_MAX characters. */
export function shown(value: string, max = SHOWN_MAX): string {
  const chars = [...value];
  if (chars.length <= max) return JSON.stringify(value);
  return `${JSON.stringify(chars.slice(0, max).join(''))}… (${chars.length} characters)`;
}

export interface TextRuleOptions {
  /** Newlines allowed (message templates). */
  multiline?: boolean;
}

/** The problems of one text value; empty when it is fine. */
export function textIssues(value: string, field: string, options: TextRuleOptions = {}): Issue[] {
  const issues: Issue[] = [];
  if (!options.multiline && NEWLINE.test(value)) issues.push({ field, rule: 'must be one line (it contains a line break)' });
  if (!options.multiline && TAB.test(value)) issues.push({ field, rule: 'must not contain a tab character' });
  if (CONTROL.test(value)) issues.push({ field, rule: 'must not contain control characters' });
  if (BIDI.test(value)) issues.push({ field, rule: 'must not contain bidirectional control characters (they make text display differently from what is stored)' });
  // Blank values are the caller's to judge (empty may mean "not given"); invisible-only ones are not blank.
  if (issues.length === 0 && ZERO_WIDTH.test(value) && INVISIBLE.test(value)) issues.push({ field, rule: 'has no visible characters (only zero-width ones)' });
  return issues;
}

/** Returns the value when it meets the text rule; throws a ValidationError naming the field otherwise. */
export function checkText(value: string, field: string, options: TextRuleOptions = {}): string {
  const issues = textIssues(value, field, options);
  if (issues.length > 0) throw new ValidationError(issues);
  return value;
}

/** Every string value of a record (a CSV row, a JSON object) checked at once; fields named `<prefix>.<key>`. */
export function recordTextIssues(record: Readonly<Record<string, unknown>>, prefix: string): Issue[] {
  const issues: Issue[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (typeof value === 'string') issues.push(...textIssues(value, prefix ? `${prefix}.${key}` : key));
  }
  return issues;
}
