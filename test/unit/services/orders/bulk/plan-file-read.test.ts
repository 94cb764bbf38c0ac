/**
 * `--apply`'s plan file read a chunk at a time (plan-file-read.ts) against the plan file read whole, as
 * every earlier version read it (the oracle below): over seeded random plans in any layout and encoding,
 * and the same plans damaged (cut, a byte changed, wrong types, bad rows, repeated members), both give the
 * same rows and header, or the same error (class, message, issues). A valid plan in any layout is streamed,
 * not held; and its rows are read from the file as they are taken, not kept from the check.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError, type Issue } from '../../../../../src/errors.js';
import { mulberry32 } from '../../../../../src/infra/prng.js';
import { readTextFile } from '../../../../../src/infra/text-file.js';
import { CAPTURABLE, PLAN_VERSION, type PlanFile } from '../../../../../src/services/orders/bulk/bulk-plan.js';
import { readPlanFile } from '../../../../../src/services/orders/bulk/plan-file-read.js';
import { corrupt, randomDocument, randomRow, writeJson } from '../../../../helpers/random-json.js';

const dir = mkdtempSync(join(tmpdir(), 'plan-read-'));

/** The plan file read whole: parsePlanFile as it stood before plans were streamed. */
function oracleParse(text: string, file: string): PlanFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw ValidationError.single(file, `is not JSON: ${(error as Error).message}`);
  }
  const plan = value as Partial<PlanFile>;
  if (typeof plan !== 'object' || plan === null || plan.version !== PLAN_VERSION || typeof plan.run_id !== 'string' || !Array.isArray(plan.rows)) {
    throw ValidationError.single(file, `is not a merchant bulk-capture plan (version ${PLAN_VERSION}); write one with --plan-out`);
  }
  const issues: Issue[] = [];
  plan.rows.forEach((r, i) => {
    if (CAPTURABLE.includes(r.classification) && (!r.order_id || !r.request || !r.idempotency_key || !r.identity || !Number.isSafeInteger(r.amount) || r.amount < 1)) {
      issues.push({ field: `${file} rows[${i}]`, rule: 'a capturable row needs order_id, request, idempotency_key, identity and a positive amount' });
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return plan as PlanFile;
}

type Outcome = { header: unknown; rows: unknown[]; streamed?: boolean } | { error: string; message: string; issues: unknown };

const failure = (error: unknown): Outcome => ({ error: (error as Error).constructor.name, message: (error as Error).message, issues: (error as ValidationError).issues });

function whole(file: string): Outcome {
  try {
    const { rows, ...header } = oracleParse(readTextFile(file, 'apply'), file);
    return { header, rows };
  } catch (error) {
    return failure(error);
  }
}

async function streamed(file: string): Promise<Outcome> {
  try {
    const source = await readPlanFile(file);
    const rows: unknown[] = [];
    for await (const row of source.rows) rows.push(row);
    return { header: source.header, rows, streamed: !Array.isArray(source.rows) };
  } catch (error) {
    return failure(error);
  }
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The text as bytes: UTF-8 mostly, with a BOM or as UTF-16 (with its BOM) now and then. */
function encode(text: string, rng: () => number): Buffer {
  const r = rng();
  if (r < 0.1) return Buffer.concat([BOM, Buffer.from(text)]);
  if (r < 0.15) return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  return Buffer.from(text);
}

/** One thing wrong with the plan itself (still valid JSON): a header member or a row of the wrong kind. */
function breakPlan(doc: Record<string, unknown>, rng: () => number): void {
  const rows = doc['rows'] as Record<string, unknown>[];
  const row = rows.length > 0 ? rows[Math.floor(rng() * rows.length)] : undefined;
  const faults: (() => void)[] = [
    () => (doc['version'] = '2'),
    () => (doc['version'] = 3),
    () => delete doc['version'],
    () => (doc['run_id'] = 5),
    () => (doc['rows'] = {}),
    () => (doc['rows'] = null),
    () => delete doc['rows'],
    () => row && ((row['classification'] = 'capture_full'), (row['request'] = null)),
    () => row && ((row['classification'] = 'capture_part'), (row['amount'] = 0)),
    () => row && ((row['classification'] = 'capture_full'), (row['amount'] = '100')),
    () => row && ((row['classification'] = 'capture_full'), (row['amount'] = 1.5)),
    () => row && ((row['classification'] = 'capture_part'), (row['order_id'] = '')),
    () => row && ((row['classification'] = 'capture_full'), delete row['identity']),
    () => rows.forEach((r, i) => i % 2 === 0 && ((r['classification'] = 'capture_part'), (r['amount'] = 0))),
    () => rows.splice(Math.floor(rng() * (rows.length + 1)), 0, null as unknown as Record<string, unknown>),
    () => rows.splice(Math.floor(rng() * (rows.length + 1)), 0, 7 as unknown as Record<string, unknown>),
    () => rows.splice(Math.floor(rng() * (rows.length + 1)), 0, [] as unknown as Record<string, unknown>),
  ];
  (faults[Math.floor(rng() * faults.length)] as () => void)();
}

/** Damage below the JSON: a repeated member, bytes that are not UTF-8, a bare BOM, an empty file. */
function breakBytes(text: string, rng: () => number): Buffer {
  const bytes = Buffer.from(text);
  switch (Math.floor(rng() * 6)) {
    case 0:
      return Buffer.from(text.replace('{', '{"rows":[],'));
    case 1:
      return Buffer.from(text.replace('{', `{"version":${PLAN_VERSION},`));
    case 2:
      return Buffer.from(text.replace('{', '{"__proto__":{},'));
    case 3: {
      const copy = Buffer.from(bytes);
      copy[Math.floor(rng() * copy.length)] = Math.floor(rng() * 256);
      return copy;
    }
    case 4:
      return Math.floor(rng() * 2) === 0 ? BOM : Buffer.alloc(0);
    default:
      return Buffer.concat([bytes.subarray(0, Math.floor(rng() * bytes.length)), Buffer.from([0xc3])]);
  }
}

describe('readPlanFile against the plan file read whole', () => {
  it('reads every valid plan in any layout and encoding as the whole file gives it, streamed', async () => {
    for (let seed = 1; seed <= 150; seed++) {
      const rng = mulberry32(seed);
      const file = join(dir, `valid-${seed}.json`);
      writeFileSync(file, encode(writeJson(randomDocument(rng), rng), rng));
      const expected = whole(file);
      const got = await streamed(file);
      expect(got, `seed ${seed}`).toEqual({ ...expected, streamed: true });
    }
  });

  it('gives the same error, or the same plan, for damaged files', async () => {
    const kinds = new Map<string, number>();
    for (let seed = 1; seed <= 450; seed++) {
      const rng = mulberry32(seed * 104729);
      const doc = randomDocument(rng);
      const file = join(dir, `bad-${seed}.json`);
      const how = seed % 3;
      if (how === 0) {
        breakPlan(doc, rng);
        writeFileSync(file, encode(writeJson(doc, rng), rng));
      } else if (how === 1) writeFileSync(file, encode(corrupt(writeJson(doc, rng), rng), rng));
      else writeFileSync(file, breakBytes(writeJson(doc, rng), rng));
      const expected = whole(file);
      const got = await streamed(file);
      if ('error' in expected) expect(got, `seed ${seed}`).toEqual(expected);
      else expect({ ...got, streamed: undefined }, `seed ${seed}`).toEqual({ ...expected, streamed: undefined });
      const kind = 'error' in expected ? expected.message.replace(/:.*$/s, '').replace(/\d+ problems/, 'problems') : 'accepted';
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    // Every class of error is met: not JSON, not a plan, bad rows (one and several), and some damage is harmless.
    const messages = [...kinds.keys()].join('\n');
    expect(messages).toMatch(/bad-\d+\.json rows\[\d+\]/);
    expect(messages).toMatch(/problems/);
    expect(messages).toMatch(/^.*bad-\d+\.json$/m);
    expect(kinds.get('accepted') ?? 0).toBeGreaterThan(0);
  });
});

/** A plan of `n` valid rows, written as --plan-out writes it (indented by two). */
function largePlan(n: number): { file: string; text: string } {
  const rng = mulberry32(42);
  const doc = randomDocument(rng, 0);
  const rows = Array.from({ length: n }, (_, i) => ({ ...randomRow(rng, i + 1), capture_reference: `REF-${String(i + 1).padStart(6, '0')}` }));
  // The last row is one to capture, so changing it can make the plan one that is refused.
  let last = randomRow(rng, n);
  while (last['classification'] !== 'capture_full') last = randomRow(rng, n);
  rows[n - 1] = { ...last, capture_reference: `REF-${String(n).padStart(6, '0')}` };
  doc['rows'] = rows;
  const file = join(dir, `large-${n}-${Math.floor(rng() * 1e9)}.json`);
  const text = JSON.stringify(doc, null, 2);
  writeFileSync(file, text);
  return { file, text };
}

describe('readPlanFile holds no more than the row being read', () => {
  it('reads the rows from the file as they are taken: a row changed after the check is the changed row', async () => {
    const { file, text } = largePlan(4000);
    expect(text.length).toBeGreaterThan(1_000_000);
    const source = await readPlanFile(file);
    const seen: { capture_reference: string | null }[] = [];
    for await (const row of source.rows) {
      if (seen.length === 0) writeFileSync(file, text.replace('"REF-003999"', '"XYZ-003999"'));
      seen.push(row);
    }
    expect(seen).toHaveLength(4000);
    expect(seen[3998]?.capture_reference).toBe('XYZ-003999');
  });

  it('refuses a file changed into a bad plan after the check, with the message the whole file gives', async () => {
    const { file, text } = largePlan(3000);
    const source = await readPlanFile(file);
    const broken = text.replace('"order_id": "o-3000"', '"order_id": ""');
    expect(broken).not.toBe(text);
    let taken = 0;
    const consumed = async (): Promise<void> => {
      for await (const _row of source.rows) {
        if (taken === 0) writeFileSync(file, broken);
        taken += 1;
      }
    };
    await expect(consumed()).rejects.toThrow(`${file} rows[2999]: a capturable row needs order_id`);
    expect(whole(file)).toMatchObject({ error: 'ValidationError', message: `${file} rows[2999]: a capturable row needs order_id, request, idempotency_key, identity and a positive amount` });
  });

  it('refuses a file whose header changed between the check and the read', async () => {
    const { file, text } = largePlan(3000);
    const source = await readPlanFile(file);
    expect(source.header.backend).toBe('sandbox');
    writeFileSync(file, text.replace('"backend": "sandbox"', '"backend": "kustom"'));
    const consumed = async (): Promise<number> => {
      let n = 0;
      for await (const _row of source.rows) n += 1;
      return n;
    };
    await expect(consumed()).rejects.toThrow(`${file}: changed while it was being read`);
    expect(readFileSync(file, 'utf8')).toContain('"backend": "kustom"');
  });
});
