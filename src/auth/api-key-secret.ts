import { createHash, randomBytes } from 'node:crypto';

/**
 * API keys look like `rlk_<workspace id, 32 hex>_<secret, 43 base64url chars>`. The
 * workspace id in clear lets the lookup use the (workspace_id, secret_hash) index; only
 * the SHA-256 of the whole key is stored, so a database leak reveals no usable key.
 */
const KEY_PATTERN = /^rlk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})$/;

export function newApiKey(workspaceId: string): { key: string; hash: string } {
  const key = `rlk_${workspaceId.replace(/-/g, '')}_${randomBytes(32).toString('base64url')}`;
  return { key, hash: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The workspace a key claims to belong to, or undefined when the key is malformed. */
export function workspaceOfApiKey(key: string): string | undefined {
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const hex = match[1];
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
