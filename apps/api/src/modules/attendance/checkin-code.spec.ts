import { checkinCodeForStep, checkinQrPayload, checkinStep, currentCheckinCode, verifyCheckinCode } from './checkin-code';

const SECRET = 'a3f1c0de'.repeat(8);
const T0 = Date.UTC(2026, 10, 28, 0, 30, 0); // start of a 60-s step

describe('check-in code', () => {
  it('is six digits and stable within a step', () => {
    const a = currentCheckinCode(SECRET, T0);
    const b = currentCheckinCode(SECRET, T0 + 59_999);
    expect(a.code).toMatch(/^\d{6}$/);
    expect(b.code).toBe(a.code);
    expect(a.expiresAt.getTime()).toBe(T0 + 60_000);
  });

  it('rotates every 60 s and differs per secret', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 20; i++) codes.add(currentCheckinCode(SECRET, T0 + i * 60_000).code);
    expect(codes.size).toBeGreaterThan(15);
    expect(currentCheckinCode('another-secret', T0).code).not.toBe(currentCheckinCode(SECRET, T0).code);
  });

  it('matches the RFC 6238 SHA-256 test vector (counter 1 → 46119246, last six digits)', () => {
    expect(checkinCodeForStep('12345678901234567890123456789012', 1)).toBe('119246');
  });

  it('accepts the current and the previous step across the boundary', () => {
    const shown = currentCheckinCode(SECRET, T0 + 59_000).code; // shown one second before rotation
    expect(verifyCheckinCode(SECRET, shown, T0 + 59_000)).toBe(true);
    expect(verifyCheckinCode(SECRET, shown, T0 + 61_000)).toBe(true); // next step: previous is accepted
    expect(verifyCheckinCode(SECRET, shown, T0 + 119_999)).toBe(true);
  });

  it('an old code is useless after two steps', () => {
    const shown = currentCheckinCode(SECRET, T0).code;
    expect(verifyCheckinCode(SECRET, shown, T0 + 120_000)).toBe(false);
    expect(verifyCheckinCode(SECRET, shown, T0 + 600_000)).toBe(false);
  });

  it('a future code is not accepted, nor malformed input', () => {
    const next = checkinCodeForStep(SECRET, checkinStep(T0) + 1);
    const cur = currentCheckinCode(SECRET, T0).code;
    if (next !== cur) expect(verifyCheckinCode(SECRET, next, T0)).toBe(false);
    expect(verifyCheckinCode(SECRET, '12345', T0)).toBe(false);
    expect(verifyCheckinCode(SECRET, 'abcdef', T0)).toBe(false);
  });

  it('builds the QR payload, relative without a public base URL', () => {
    expect(checkinQrPayload(undefined, 'id-1', '012345')).toBe('/checkin/id-1?code=012345');
    expect(checkinQrPayload('https://wm.example.cn/', 'id-1', '012345')).toBe('https://wm.example.cn/checkin/id-1?code=012345');
  });
});
