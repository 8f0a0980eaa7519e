// Reading the QR code printed on a downtime sheet: from the phone's rear camera, or from a photo of the sheet. The
// browser's own barcode detection is used where it has one; elsewhere a small QR reader (jsQR) is loaded the first
// time it is needed, so the app's first load stays small.

/** Pixels as a canvas holds them: RGBA, four bytes a pixel, row by row. */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

interface DetectedBarcode {
  rawValue: string;
}

interface BarcodeDetectorLike {
  detect(source: ImageBitmapSource): Promise<DetectedBarcode[]>;
}

interface BarcodeDetectorClass {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats?: () => Promise<string[]>;
}

let detector: Promise<BarcodeDetectorLike | null> | null = null;

/** The browser's QR detector, if it has one that reads QR codes. */
function browserDetector(): Promise<BarcodeDetectorLike | null> {
  detector ??= (async () => {
    const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    if (!Detector) return null;
    try {
      const formats = (await Detector.getSupportedFormats?.()) ?? ['qr_code'];
      return formats.includes('qr_code') ? new Detector({ formats: ['qr_code'] }) : null;
    } catch {
      return null;
    }
  })();
  return detector;
}

/** The text of a QR code in the pixels, or null if none can be read. */
export async function decodePixels(pixels: Pixels): Promise<string | null> {
  const { default: jsQR } = await import('jsqr');
  const code = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'dontInvert' });
  return code ? code.data : null;
}

/** Draws an image or a video frame, scaled down to at most `max` pixels a side, and reads its pixels. */
function pixelsOf(source: CanvasImageSource, width: number, height: number, max = 1024): Pixels | null {
  const scale = Math.min(1, max / Math.max(width, height));
  const w = Math.max(1, Math.round(width * scale));
  const h = Math.max(1, Math.round(height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = w;
  canvas.height = h;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  context.drawImage(source, 0, 0, w, h);
  return context.getImageData(0, 0, w, h);
}

/** The text of a QR code in an image or video frame of the given size, or null. */
async function decodeSource(source: CanvasImageSource & ImageBitmapSource, width: number, height: number): Promise<string | null> {
  const native = await browserDetector();
  if (native) {
    try {
      const found = await native.detect(source);
      if (found.length > 0) return found[0]!.rawValue;
    } catch {
      // Fall back to reading the pixels.
    }
  }
  const pixels = pixelsOf(source, width, height);
  return pixels ? decodePixels(pixels) : null;
}

/** The text of the QR code in a photo (a file from the camera or the gallery), or null. */
export async function decodePhoto(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return await decodeSource(bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

/** The text of a QR code in the video's current frame, or null. */
export function decodeFrame(video: HTMLVideoElement): Promise<string | null> {
  if (video.readyState < 2 || video.videoWidth === 0) return Promise.resolve(null);
  return decodeSource(video, video.videoWidth, video.videoHeight);
}

/** The rear camera (any camera where there is no rear one), without sound. */
export function openCamera(): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) return Promise.reject(new Error('no camera'));
  return navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
}
