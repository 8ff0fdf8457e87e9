import { contentDisposition, shanghaiDateTime } from './content-disposition';

describe('contentDisposition (RFC 5987/6266)', () => {
  it('gives an ASCII fallback and a percent-encoded UTF-8 name', () => {
    const h = contentDisposition('清水县统计(2026).csv', 'wenming-stats.csv');
    expect(h).toBe(`attachment; filename="wenming-stats.csv"; filename*=UTF-8''%E6%B8%85%E6%B0%B4%E5%8E%BF%E7%BB%9F%E8%AE%A1%282026%29.csv`);
    expect(decodeURIComponent(h.split("UTF-8''")[1])).toBe('清水县统计(2026).csv');
  });
  it('never lets quotes or non-ASCII into the fallback', () => {
    expect(contentDisposition('a', 'x"y\\统.csv')).toContain('filename="x_y__.csv"');
  });
  it('formats instants in Asia/Shanghai', () => {
    expect(shanghaiDateTime(new Date('2026-11-28T17:30:00Z'))).toBe('2026-11-29 01:30');
  });
});
