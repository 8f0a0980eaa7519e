import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodePixels, type Pixels } from './scan';

/** A QR code as a still image: black modules on white, `scale` pixels a module, with a quiet zone of four. */
function qrImage(text: string, scale = 4): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const margin = 4;
  const size = (modules.size + 2 * margin) * scale;
  const data = new Uint8ClampedArray(size * size * 4).fill(255);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const row = Math.floor(y / scale) - margin;
      const column = Math.floor(x / scale) - margin;
      const dark = row >= 0 && column >= 0 && row < modules.size && column < modules.size && modules.get(row, column);
      if (dark) data.fill(0, (y * size + x) * 4, (y * size + x) * 4 + 3);
    }
  }
  return { data, width: size, height: size };
}

describe('reading a sheet QR code from a still image', () => {
  it('reads the sheet id printed as a QR code', async () => {
    expect(await decodePixels(qrImage('S-RGH-0000081-X'))).toBe('S-RGH-0000081-X');
  });

  it('reads a code drawn small', async () => {
    expect(await decodePixels(qrImage('S-WARDB-00001Y8-2', 2))).toBe('S-WARDB-00001Y8-2');
  });

  it('finds nothing in a blank image', async () => {
    const blank = { data: new Uint8ClampedArray(200 * 200 * 4).fill(255), width: 200, height: 200 };
    expect(await decodePixels(blank)).toBeNull();
  });
});
