import { utf8Chunks } from './excel';

async function collect(chunks: (Buffer | string)[]): Promise<string[]> {
  const out: string[] = [];
  for await (const s of utf8Chunks(
    (async function* () {
      yield* chunks;
    })(),
  ))
    out.push(s);
  return out;
}

describe('utf8Chunks', () => {
  it('joins a Chinese character split across chunks instead of producing U+FFFD', async () => {
    const bytes = Buffer.from('<t>李秀兰</t>', 'utf8');
    // every split point, including inside the 3-byte characters
    for (let at = 1; at < bytes.length; at++) {
      const text = (await collect([bytes.subarray(0, at), bytes.subarray(at)])).join('');
      expect(text).toBe('<t>李秀兰</t>');
    }
  });

  it('handles one byte per chunk and passes strings through', async () => {
    const bytes = Buffer.from('石门村', 'utf8');
    expect((await collect([...bytes].map((b) => Buffer.from([b])))).join('')).toBe('石门村');
    expect(await collect(['已是文本'])).toEqual(['已是文本']);
  });

  it('a truncated character at the very end still surfaces (as U+FFFD), not silently dropped', async () => {
    const bytes = Buffer.from('兰', 'utf8');
    expect((await collect([bytes.subarray(0, 2)])).join('')).toBe('\ufffd');
  });
});
