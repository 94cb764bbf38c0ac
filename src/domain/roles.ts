/**
 * What each Kustom Portal role may do, as the sandbox enforces it. Pure data plus two
 * questions: may this role do that, and may this role issue a key with that role.
 *
 * - Payment links (create/view): everyone but Read Only.
 * - Orders: view for all; change (capture/refund/cancel/...) for Admin, Super Admin, User, External User.
 * - Settlements: Admin, Super Admin, Settlement, External User.
 * - Developer logs: Admin, Super Admin, User, External User.
 * - Stores and keys: Admin and Super Admin (users and keys are managed by admins in the Portal).
 * - Disputes: viewed by those who see the Portal's Disputes tab (Admin, Super Admin, Disputes, Settlement,
 *   External User); answered (respond, accept) by Admin, Super Admin and Disputes ("Full Disputes").
 */

/** The Portal roles. */
export const ROLES = ['admin', 'super_admin', 'user', 'settlement', 'disputes', 'read_only', 'external_user'] as const;
export type Role = (typeof ROLES)[number];

/** What a role may do, as the sandbox checks it. */
export const PERMISSIONS = [
  'stores.manage',
  'links.create',
  'links.view',
  'orders.view',
  'orders.manage',
  'settlements.view',
  'settlements.export',
  'keys.manage',
  'logs.view',
  'disputes.view',
  'disputes.respond',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const LINKS: Permission[] = ['links.create', 'links.view'];
const DISPUTES: Permission[] = ['disputes.view', 'disputes.respond'];
const ALL: Permission[] = ['stores.manage', ...LINKS, 'orders.view', 'orders.manage', 'settlements.view', 'settlements.export', 'keys.manage', 'logs.view', ...DISPUTES];

export const ROLE_PERMISSIONS: Readonly<Record<Role, ReadonlySet<Permission>>> = {
  admin: new Set(ALL),
  super_admin: new Set(ALL),
  user: new Set<Permission>([...LINKS, 'orders.view', 'orders.manage', 'logs.view']),
  settlement: new Set<Permission>([...LINKS, 'orders.view', 'settlements.view', 'settlements.export', 'disputes.view']),
  disputes: new Set<Permission>([...LINKS, 'orders.view', ...DISPUTES]),
  read_only: new Set<Permission>(['orders.view']),
  external_user: new Set<Permission>([...LINKS, 'orders.view', 'orders.manage', 'settlements.view', 'settlements.export', 'logs.view', 'disputes.view']),
};

/** Words for error messages: "capture, refund or cancel orders". */
export const PERMISSION_WORDS: Readonly<Record<Permission, string>> = {
  'stores.manage': 'manage stores',
  'links.create': 'create payment links',
  'links.view': 'view payment links',
  'orders.view': 'view orders',
  'orders.manage': 'change orders (capture, refund, cancel, release, extend)',
  'settlements.view': 'view settlements',
  'settlements.export': 'export settlement reports',
  'keys.manage': 'manage API keys',
  'logs.view': 'view developer logs',
  'disputes.view': 'view disputes',
  'disputes.respond': 'respond to or accept disputes',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: 'Admin',
  super_admin: 'Super Admin',
  user: 'User',
  settlement: 'Settlement',
  disputes: 'Disputes',
  read_only: 'Read Only',
  external_user: 'External User',
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * Whether the key in use may do `permission`, for what a command offers to do next. `null` is a role this
 * tool does not know (a provider that checks roles on its side, or a sandbox store without keys): every
 * step is offered and the provider has the last word.
 */
export function keyMay(role: Role | null, permission: Permission): boolean {
  return role === null || roleAllows(role, permission);
}

/** Only Super Admins grant Super Admin; key managers grant every other role. */
export function canGrant(granter: Role, role: Role): boolean {
  if (!roleAllows(granter, 'keys.manage')) return false;
  return role !== 'super_admin' || granter === 'super_admin';
}

/** External users have time-limited access: their keys must expire. */
export function roleNeedsExpiry(role: Role): boolean {
  return role === 'external_user';
}

/** Longest life of a key: external users get at most 90 days; other keys may run up to 5 years. */
export function maxKeyLifetimeDays(role: Role): number {
  return role === 'external_user' ? 90 : 5 * 365;
}
