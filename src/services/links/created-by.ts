/** Who made a link, shown in history as the portal shows it: `user@host`. */
import { hostname, userInfo } from 'node:os';

export function createdBy(env: Readonly<Record<string, string | undefined>>): string {
  let user = env['USER'] ?? env['USERNAME'];
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = 'unknown';
    }
  }
  return `${user}@${hostname()}`;
}
