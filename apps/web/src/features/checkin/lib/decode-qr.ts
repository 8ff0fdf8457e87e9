import { BrowserQRCodeReader } from '@zxing/browser';
import { DecodeHintType } from '@zxing/library';

/**
 * The one QR decoder of the app (ZXing, `@zxing/browser`; no `BarcodeDetector`, so iPhone Safari, Android Chrome and
 * WeChat behave alike — issue 11). Camera frames and pictures from the album are both drawn on a canvas and read here.
 */
let shared: BrowserQRCodeReader | null = null;
let thorough: BrowserQRCodeReader | null = null;
const reader = () => (shared ??= new BrowserQRCodeReader());
// for a picture that the quick pass could not read: slower, looks harder (once per picture, never per camera frame)
const hardReader = () => (thorough ??= new BrowserQRCodeReader(new Map([[DecodeHintType.TRY_HARDER, true]])));

/** The text of the QR on the canvas, or null when there is none. */
export function decodeQrCanvas(canvas: HTMLCanvasElement, hard = false): string | null {
  try {
    return (hard ? hardReader() : reader()).decodeFromCanvas(canvas).getText();
  } catch {
    return null;
  }
}

/**
 * Draws an image or video frame on a canvas, scaled down so its long side is at most `maxSide` pixels, with `margin`
 * (a share of the long side) of white all round.
 */
export function drawOnCanvas(
  source: CanvasImageSource,
  width: number,
  height: number,
  maxSide = Infinity,
  canvas: HTMLCanvasElement = document.createElement('canvas'),
  margin = 0,
): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const pad = Math.round(Math.max(w, h) * margin);
  canvas.width = w + 2 * pad;
  canvas.height = h + 2 * pad;
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.fillStyle = '#fff'; // transparent PNG pixels read as white, not black
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, pad, pad, w, h);
  return canvas;
}

/** Loads a picture (File from <input type=file>, or a URL) into an <img>. Rejects when it is not an image. */
export function loadImage(src: Blob | string): Promise<HTMLImageElement> {
  const url = typeof src === 'string' ? src : URL.createObjectURL(src);
  return new Promise<HTMLImageElement>((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('not an image'));
    img.src = url;
  }).finally(() => {
    if (typeof src !== 'string') URL.revokeObjectURL(url);
  });
}

/**
 * The QR text of a picture, or null when it holds none. A phone photo is first read at a moderate size (fast, and
 * ZXing copes better with moderate sizes), then at full size when that finds nothing, then — for a screenshot cropped
 * tight round the code, where the decoder finds no quiet zone to tell the finder patterns by — with a white margin
 * and ZXing's thorough mode (measured: screenshots of the leader's QR that the quick pass missed are read), and last
 * with a second decoder (below).
 */
export async function decodeQrPicture(src: Blob | string): Promise<string | null> {
  const img = await loadImage(src);
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  const first = decodeQrCanvas(drawOnCanvas(img, w, h, 1280));
  if (first !== null) return first;
  const full = Math.max(w, h) > 1280 ? decodeQrCanvas(drawOnCanvas(img, w, h)) : null;
  if (full !== null) return full;
  const padded = drawOnCanvas(img, w, h, 1280, undefined, 0.1);
  const hard = decodeQrCanvas(padded, true);
  if (hard !== null) return hard;
  const ctx = padded.getContext('2d', { willReadFrequently: true });
  if (!ctx) return null;
  const { data, width, height } = ctx.getImageData(0, 0, padded.width, padded.height);
  return decodeQrPixels(data, width, height);
}

/**
 * A second decoder (jsQR) for the pictures ZXing does not read — loaded only then, never for a camera frame.
 * Measured on a clean screenshot of the leader's QR (`fixtures/leader-qr-zxing-misses.rgba.gz`, from a browser-test
 * run): ZXing's QR reader rejects it (FormatException), and the app's three ZXing passes read it on one machine but
 * not in another run, which told the volunteer there was no QR in the picture; jsQR reads it.
 */
export async function decodeQrPixels(rgba: Uint8ClampedArray, width: number, height: number): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  return jsQR(rgba, width, height)?.data ?? null;
}
