import { BrowserQRCodeReader } from '@zxing/browser';

/**
 * The one QR decoder of the app (ZXing, `@zxing/browser`; no `BarcodeDetector`, so iPhone Safari, Android Chrome and
 * WeChat behave alike — issue 11). Camera frames and pictures from the album are both drawn on a canvas and read here.
 */
let shared: BrowserQRCodeReader | null = null;
const reader = () => (shared ??= new BrowserQRCodeReader());

/** The text of the QR on the canvas, or null when there is none. */
export function decodeQrCanvas(canvas: HTMLCanvasElement): string | null {
  try {
    return reader().decodeFromCanvas(canvas).getText();
  } catch {
    return null;
  }
}

/** Draws an image or video frame on a canvas, scaled down so its long side is at most `maxSide` pixels. */
export function drawOnCanvas(
  source: CanvasImageSource,
  width: number,
  height: number,
  maxSide = Infinity,
  canvas: HTMLCanvasElement = document.createElement('canvas'),
): HTMLCanvasElement {
  const scale = Math.min(1, maxSide / Math.max(width, height));
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('canvas 2d unavailable');
  ctx.fillStyle = '#fff'; // transparent PNG pixels read as white, not black
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(source, 0, 0, canvas.width, canvas.height);
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
 * ZXing copes better with moderate sizes), then at full size when that finds nothing.
 */
export async function decodeQrPicture(src: Blob | string): Promise<string | null> {
  const img = await loadImage(src);
  const w = img.naturalWidth;
  const h = img.naturalHeight;
  const first = decodeQrCanvas(drawOnCanvas(img, w, h, 1280));
  if (first !== null || Math.max(w, h) <= 1280) return first;
  return decodeQrCanvas(drawOnCanvas(img, w, h));
}
