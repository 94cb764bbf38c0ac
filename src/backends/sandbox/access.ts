/**
 * Who may do what in the sandbox. Every sandbox operation asks `access.require(permission, store)`
 * before touching data. A fresh sandbox allows everything (so the quick start needs no key); once keys
 * are issued for a store, the keys feature supplies an access object that checks the caller's key and
 * its Portal role (domain/roles.ts) and throws AuthError (exit 4) naming the role and what it lacks.
 */
import type { Permission } from '../../domain/roles.js';

export { PERMISSIONS, type Permission } from '../../domain/roles.js';

export interface SandboxAccess {
  require(permission: Permission, storeId: string | null): void;
}

export const allowAll: SandboxAccess = { require: () => undefined };
