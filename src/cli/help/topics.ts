/** Help topics beyond per-command --help: `merchant help exit-codes`, `merchant help environment`. */
import { EXIT_CODE_TABLE } from '../exit-codes.js';

export const ENVIRONMENT_VARIABLES: readonly { name: string; meaning: string }[] = [
  { name: 'MERCHANT_HOME', meaning: 'put config and data under this folder (instead of XDG locations)' },
  { name: 'MERCHANT_PROFILE', meaning: 'settings profile to use (overridden by --profile)' },
  { name: 'MERCHANT_BACKEND', meaning: 'backend: sandbox or kustom (overridden by --backend)' },
  { name: 'MERCHANT_STORE', meaning: 'default store ID (overridden by --store)' },
  { name: 'MERCHANT_BASE_URL', meaning: 'provider API base URL (overridden by --base-url)' },
  { name: 'MERCHANT_API_KEY', meaning: 'API key for CI; overrides the profile\'s stored key (never pass keys as arguments)' },
  { name: 'MERCHANT_API_USERNAME', meaning: 'with MERCHANT_API_KEY: username of a username + secret pair' },
  { name: 'MERCHANT_API_ENVIRONMENT', meaning: 'test or live, for a legacy pair secret without a kco_ prefix' },
  { name: 'MERCHANT_DEBUG', meaning: '1 = like --debug' },
  { name: 'MERCHANT_HTTP_TIMEOUT_MS', meaning: 'kustom backend: how long one request attempt waits for an answer, in ms (default 10000; 1–300000)' },
  { name: 'MERCHANT_STOP_WAIT_MS', meaning: 'after SIGINT/SIGTERM, how long a bulk run waits for requests in flight (default 10000)' },
  { name: 'MERCHANT_KEYCHAIN', meaning: 'off = never use the platform keychain for stored keys (the secrets file only)' },
  { name: 'MERCHANT_SANDBOX_FAULTS', meaning: 'sandbox fault injection for order requests: transient=0.2,rate_limited=0.1,timeout_after_commit=0.1,seed=42' },
  { name: 'NO_COLOR', meaning: 'any value turns colour off' },
  { name: 'FORCE_COLOR', meaning: '0–3 forces a colour level even when piped' },
  { name: 'XDG_CONFIG_HOME / XDG_DATA_HOME', meaning: 'where config and data go when MERCHANT_HOME is unset' },
];

export const HELP_TOPICS: Record<string, { summary: string; text: () => string }> = {
  'exit-codes': {
    summary: 'what each exit code means',
    text: () => `Exit codes:\n${EXIT_CODE_TABLE.map((e) => `  ${String(e.code).padStart(3)}  ${e.meaning}`).join('\n')}\n`,
  },
  environment: {
    summary: 'environment variables merchant reads',
    text: () => `Environment variables:\n${ENVIRONMENT_VARIABLES.map((e) => `  ${e.name.padEnd(32)} ${e.meaning}`).join('\n')}\n`,
  },
};
