import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { BinaryBitmap, HybridBinarizer, QRCodeReader, RGBLuminanceSource } from '@zxing/library';
import { describe, expect, it } from 'vitest';
import { decodeQrPixels } from './decode-qr';

/** A screenshot of the leader's QR from a browser-test run (RGBA, 371×370, gzip; width and height first). */
function fixture() {
  const raw = gunzipSync(readFileSync(join(__dirname, 'fixtures', 'leader-qr-zxing-misses.rgba.gz')));
  const width = raw.readUInt32BE(0);
  const height = raw.readUInt32BE(4);
  return { rgba: new Uint8ClampedArray(raw.subarray(8)), width, height };
}

describe('decodeQrPixels (the second decoder, for pictures ZXing does not read)', () => {
  it('the fixture is a picture ZXing’s QR reader rejects (so the fallback is what reads it)', () => {
    const { rgba, width, height } = fixture();
    const lum = new Uint8ClampedArray(width * height);
    for (let i = 0; i < lum.length; i++) lum[i] = (rgba[i * 4] * 299 + rgba[i * 4 + 1] * 587 + rgba[i * 4 + 2] * 114) / 1000;
    const read = () => new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(lum, width, height))));
    expect(read).toThrow();
  });

  it('reads the leader’s check-in link from it', async () => {
    const { rgba, width, height } = fixture();
    const text = await decodeQrPixels(rgba, width, height);
    expect(text).toMatch(/^http:\/\/localhost:3999\/checkin\/e0d34e38-b03a-4e10-b477-a66229050f86\?code=\d{6}$/);
  });

  it('a picture without a QR gives null', async () => {
    const blank = new Uint8ClampedArray(120 * 60 * 4).fill(255);
    expect(await decodeQrPixels(blank, 120, 60)).toBeNull();
  });
});
