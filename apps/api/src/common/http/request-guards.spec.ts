import { jsonDepthExceeds, MAX_JSON_DEPTH } from './request-guards';

describe('jsonDepthExceeds (raw-byte nesting check before JSON.parse)', () => {
  const nest = (n: number) => Buffer.from('['.repeat(n) + ']'.repeat(n));
  it('allows the limit and refuses one more', () => {
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH))).toBe(false);
    expect(jsonDepthExceeds(nest(MAX_JSON_DEPTH + 1))).toBe(true);
    expect(jsonDepthExceeds(Buffer.from('{"a":'.repeat(50_000) + '1' + '}'.repeat(50_000)))).toBe(true);
  });
  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify({ a: '['.repeat(1000), b: '\\"{{{{{{"' + '{'.repeat(100) })))).toBe(false);
  });
  it('siblings do not add up: depth, not count', () => {
    expect(jsonDepthExceeds(Buffer.from(JSON.stringify(Array.from({ length: 1000 }, () => [[1], { a: [2] }]))))).toBe(false);
  });
});
