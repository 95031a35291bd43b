import { describe, expect, it } from 'vitest';
import { signAccessToken, verifyAccessToken } from '../../sync-server/auth/access-token.js';
import {
  decodeBase64UrlStrictly,
  isCanonicalRandomToken,
  newRandomToken,
} from '../../sync-server/auth/token-encoding.js';
import { redactedUrl } from '../../sync-server/http/log-redaction.js';

const KEY = Buffer.alloc(32, 7);
const CLAIMS = {
  sub: 'user-1',
  site: 'demo-site',
  usr: 'advisor1',
  role: 'advisor',
  dev: 'tablet-1',
  chn: 'chain-1',
  exp: 2_000_000_000,
} as const;

describe('tokens are read in one encoding', () => {
  it('decodes only the exact unpadded base64url form of some bytes', () => {
    const token = newRandomToken();
    expect(token).toHaveLength(43);
    expect(decodeBase64UrlStrictly(token)).toHaveLength(32);
    // Node itself reads all of these as the same 32 bytes.
    for (const lenient of [`${token}=`, ` ${token}`, `${token}\n`, token.replace(/-/g, '+')]) {
      if (lenient === token) continue;
      expect(decodeBase64UrlStrictly(lenient), JSON.stringify(lenient)).toBeNull();
    }
    expect(decodeBase64UrlStrictly('QQ')).toEqual(Buffer.from('A'));
    expect(decodeBase64UrlStrictly('QR')).toBeNull(); // unused bits set: the same byte as QQ to Node
    expect(decodeBase64UrlStrictly('Q')).toBeNull();
  });

  it('a random token is 32 bytes, spelled canonically', () => {
    expect(isCanonicalRandomToken(newRandomToken())).toBe(true);
    expect(isCanonicalRandomToken('A'.repeat(42))).toBe(false);
    expect(isCanonicalRandomToken(`${'A'.repeat(42)}B`)).toBe(false);
    expect(isCanonicalRandomToken(`${'A'.repeat(42)}E`)).toBe(true);
    expect(isCanonicalRandomToken(42)).toBe(false);
  });

  it('an access token verifies only as signed', () => {
    const token = signAccessToken(CLAIMS, KEY);
    const now = 1_000_000_000_000;
    expect(verifyAccessToken(token, KEY, now)).toEqual({ ok: true, claims: CLAIMS });
    for (const altered of [`${token}=`, `${token}A`, `${token}.`, token.replace('.', '=.')]) {
      expect(verifyAccessToken(altered, KEY, now), altered).toEqual({
        ok: false,
        code: 'TOKEN_INVALID',
      });
    }
    expect(verifyAccessToken(token, KEY, CLAIMS.exp * 1000)).toEqual({
      ok: false,
      code: 'TOKEN_EXPIRED',
    });
  });
});

describe('logged addresses', () => {
  it('keep the harmless query values and cut every other', () => {
    expect(redactedUrl('/api/v1/sync/repair_orders/pull?checkpoint=12&limit=500')).toBe(
      '/api/v1/sync/repair_orders/pull?checkpoint=12&limit=500',
    );
    expect(redactedUrl('/api/v1/sync/stream?protocol=2&ticket=abc')).toBe(
      '/api/v1/sync/stream?protocol=2&ticket=[redacted]',
    );
    expect(redactedUrl('/x?access_token=a.b&access%5Ftoken=c&eyJhbGciOi')).toBe(
      '/x?access_token=[redacted]&[redacted]=[redacted]&[redacted]=[redacted]',
    );
    expect(redactedUrl(`/x?limit=${'9'.repeat(40)}&checkpoint=a%20b`)).toBe(
      '/x?limit=[redacted]&checkpoint=[redacted]',
    );
    expect(redactedUrl('/api/v1/health')).toBe('/api/v1/health');
  });
});
