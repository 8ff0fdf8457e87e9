import { Prng } from './prng';

describe('Prng.uuid (demo ids)', () => {
  it('differs per install, yet keeps the stream (names, figures) and the order of ids of the same seed', () => {
    const a = new Prng(20261127);
    const b = new Prng(20261127);
    const ia = Array.from({ length: 2000 }, () => a.uuid());
    const ib = Array.from({ length: 2000 }, () => b.uuid());
    for (const id of ia) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    // first half from the stream, second half random
    expect(ia.map((x) => x.slice(0, 18))).toEqual(ib.map((x) => x.slice(0, 18)));
    expect(ia.filter((x, i) => x === ib[i])).toHaveLength(0);
    expect(new Set([...ia, ...ib]).size).toBe(4000);
    // the same order by id on both installs
    const order = (ids: string[]) =>
      ids
        .map((id, i) => [id, i] as const)
        .sort((x, y) => (x[0] < y[0] ? -1 : 1))
        .map(([, i]) => i);
    expect(order(ib)).toEqual(order(ia));
    // and the stream goes on identically
    expect(a.next()).toBe(b.next());
  });
});
