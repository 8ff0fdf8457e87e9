import { maskIdNumber, maskPhone, minutesToHours, starLevel } from '@wenming/shared';
import { FieldCipher } from './crypto/field-cipher';

describe('shared rules', () => {
  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('62052119900307123X')).toBe('6205**********123X');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone('13800000004')).toBe('138****0004');
  });

  it('rounds service hours half up to one decimal', () => {
    expect(minutesToHours(0)).toBe(0);
    expect(minutesToHours(3)).toBe(0.1); // 0.05 → 0.1
    expect(minutesToHours(2)).toBe(0); // 0.033 → 0.0
    expect(minutesToHours(90)).toBe(1.5);
    expect(minutesToHours(100)).toBe(1.7); // 1.666…
  });

  it('star levels at the national thresholds', () => {
    expect(starLevel(99.99)).toBe(0);
    expect(starLevel(100)).toBe(1);
    expect(starLevel(1499)).toBe(4);
    expect(starLevel(1500)).toBe(5);
    expect(starLevel(500, [100, 200, 500, 800, 1000])).toBe(3);
  });

  it('field cipher round-trips and its hash ignores case of the check letter', () => {
    const c = new FieldCipher(Buffer.alloc(32, 7));
    const token = c.encrypt('62052119900307123X');
    expect(token).not.toContain('6205');
    expect(c.decrypt(token)).toBe('62052119900307123X');
    expect(c.hash('62052119900307123x')).toBe(c.hash('62052119900307123X'));
  });
});
