import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** What a sealed value starts with: the format's version, so a later key rotation can tell old from new. */
const PREFIX = 'v1:';

/**
 * Seals the secrets Relance must keep in the database and use again (a workspace's Twenty
 * API key, its webhook secret): AES-256-GCM with a random nonce, so a value read from the
 * table or a backup is useless without the key, and a tampered one fails to open. The
 * key is `SECRETS_KEY`, or one generated on first use in `<dataDir>/secrets.key` (0600) for
 * a single-machine install; every process of a deployment must share it.
 */
export class SecretBox {
  private constructor(private readonly key: Buffer) {}

  static withKey(key: Buffer): SecretBox {
    if (key.length !== 32) throw new Error('A secrets key is 32 bytes');
    return new SecretBox(key);
  }

  /** The configured key, else the data folder's (created once, never overwritten: two processes starting together agree). */
  static forConfig(config: { secretsKey: Buffer | undefined; dataDir: string }): SecretBox {
    if (config.secretsKey) return SecretBox.withKey(config.secretsKey);
    const file = join(config.dataDir, 'secrets.key');
    mkdirSync(config.dataDir, { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString('base64'), { flag: 'wx', mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    return SecretBox.withKey(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'));
  }

  seal(plain: string): string {
    const nonce = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, nonce);
    const sealed = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([nonce, cipher.getAuthTag(), sealed]).toString('base64');
  }

  /**
   * A value's signature for one purpose (HMAC-SHA256 under a key derived from the secrets
   * key and `purpose`, base64url): what a link carries to prove Relance made it. Another
   * purpose, or another secrets key, signs differently.
   */
  sign(purpose: string, value: string): string {
    const key = createHmac('sha256', this.key).update(`relance:${purpose}`).digest();
    return createHmac('sha256', key).update(value).digest('base64url');
  }

  /** Whether `signature` is {@link sign}'s for this purpose and value (in constant time). */
  verify(purpose: string, value: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(purpose, value));
    const given = Buffer.from(signature);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  /** Throws when the value was sealed with another key or altered. */
  open(sealed: string): string {
    if (!sealed.startsWith(PREFIX)) throw new Error('Not a sealed value');
    const bytes = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(12, 28));
    return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
  }
}
