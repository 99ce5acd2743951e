import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const box = SecretBox.withKey(Buffer.alloc(32, 1));

  it('opens what it sealed, and never seals a value the same way twice', () => {
    const a = box.seal('twenty-api-key-0123');
    const b = box.seal('twenty-api-key-0123');
    expect(a).not.toBe(b);
    expect(a).not.toContain('twenty-api-key');
    expect(box.open(a)).toBe('twenty-api-key-0123');
    expect(box.open(b)).toBe('twenty-api-key-0123');
  });

  it('refuses a value sealed with another key or altered', () => {
    const sealed = box.seal('secret');
    expect(() => SecretBox.withKey(Buffer.alloc(32, 2)).open(sealed)).toThrow();
    const bytes = Buffer.from(sealed.slice(3), 'base64');
    bytes[bytes.length - 1] ^= 1;
    expect(() => box.open(`v1:${bytes.toString('base64')}`)).toThrow();
    expect(() => box.open('plain text')).toThrow('Not a sealed value');
  });

  it('signs a value for one purpose only, and verifies only its own signature of it', () => {
    const signature = box.sign('document-link', 'a');
    expect(signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(box.sign('document-link', 'a')).toBe(signature);
    expect(box.verify('document-link', 'a', signature)).toBe(true);
    expect(box.verify('document-link', 'b', signature)).toBe(false);
    expect(box.verify('other-purpose', 'a', signature)).toBe(false);
    expect(SecretBox.withKey(Buffer.alloc(32, 2)).verify('document-link', 'a', signature)).toBe(false);
    expect(box.verify('document-link', 'a', signature.slice(0, -1))).toBe(false);
    expect(box.verify('document-link', 'a', '')).toBe(false);
  });

  it('makes a key once in the data folder, readable by its owner only, and reuses it', () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'relance-secrets-')), 'data');
    const sealed = SecretBox.forConfig({ secretsKey: undefined, dataDir }).seal('x');
    const file = join(dataDir, 'secrets.key');
    expect(Buffer.from(readFileSync(file, 'utf8'), 'base64')).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(SecretBox.forConfig({ secretsKey: undefined, dataDir }).open(sealed)).toBe('x');
  });
});
