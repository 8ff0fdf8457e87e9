import { describe, expect, it } from 'vitest';
import { absoluteQrPayload } from './checkin-screen';

describe('absoluteQrPayload (issue 11: a QR any phone opens)', () => {
  it('makes a bare path absolute on the origin the leader uses', () => {
    expect(absoluteQrPayload('/checkin/a1?code=123456', 'http://192.168.1.20:3000')).toBe('http://192.168.1.20:3000/checkin/a1?code=123456');
    expect(absoluteQrPayload('checkin/a1?code=1', 'https://wm.example.cn/')).toBe('https://wm.example.cn/checkin/a1?code=1');
  });
  it('keeps an absolute payload (PUBLIC_BASE_URL set) as it is', () => {
    expect(absoluteQrPayload('https://wenming.qingshui.gov.cn/checkin/a1?code=1', 'http://localhost:3000')).toBe('https://wenming.qingshui.gov.cn/checkin/a1?code=1');
  });
});
