/**
 * Reads and writes `config.json`. Reads are a plain file read plus schema validation (every command
 * reads settings, so this stays off `conf`'s import cost); writes go through `conf`, which writes
 * atomically. A file that is not valid JSON or breaks the schema is reported, never overwritten.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { emptySettings, settingsSchemas, type SettingsFile } from './settings-schema.js';

export interface SettingsStore {
  readonly file: string;
  read(): SettingsFile;
  /** Applies `change` to a fresh read of the file and writes the result. */
  update(change: (settings: SettingsFile) => void): Promise<SettingsFile>;
}

export function createSettingsStore(configDir: string, file: string): SettingsStore {
  let cached: SettingsFile | undefined;
  const read = (): SettingsFile => {
    cached ??= readSettingsFile(file);
    return cached;
  };
  return {
    file,
    read,
    async update(change) {
      const next = structuredClone(readSettingsFile(file));
      change(next);
      const checked = validate(next, file);
      const { default: Conf } = await import('conf');
      const conf = new Conf<SettingsFile>({
        cwd: configDir,
        configName: 'config',
        projectName: 'merchant',
        clearInvalidConfig: false,
        configFileMode: 0o600,
      });
      conf.store = checked;
      cached = checked;
      return checked;
    },
  };
}

function readSettingsFile(file: string): SettingsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptySettings();
    throw new ConfigError(`Cannot read the config file ${file}: ${(error as Error).message}`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`The config file ${file} is not valid JSON: ${(error as Error).message}`, {
      hint: `Fix the file by hand, or move it away to start over (merchant never overwrites it): mv '${file}' '${file}.bak'`,
      details: { file },
    });
  }
  return validate(json, file);
}

function validate(json: unknown, file: string): SettingsFile {
  const parsed = settingsSchemas().settingsFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const at = issue.path.length > 0 ? issue.path.join('.') : '(top level)';
    return `${at}: ${issue.message}`;
  });
  throw new ConfigError(`The config file ${file} is invalid:\n  - ${problems.join('\n  - ')}`, {
    hint: `Fix those keys by hand, or move the file away to start over: mv '${file}' '${file}.bak'`,
    details: { file, problems },
  });
}
