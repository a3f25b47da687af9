// Real image files for tests of printed documents, made without an image library: a baseline JPEG
// of one grey level (the smallest valid entropy-coded data) padded with comment segments to the
// size of a phone photo, so a PDF that embeds it carries its full weight.
const u16 = (value: number) => [(value >> 8) & 0xff, value & 0xff];

function segment(marker: number, body: readonly number[] | Uint8Array): number[] {
  return [0xff, marker, ...u16(body.length + 2), ...body];
}

/**
 * A width × height greyscale JPEG of about `sizeBytes` (at least the few hundred bytes the image
 * itself needs). `seed` varies the padding, so no two files are the same bytes.
 */
export function testJpeg(width: number, height: number, sizeBytes: number, seed = 1): Uint8Array {
  const head: number[] = [0xff, 0xd8];
  // Quantisation table 0: all ones.
  head.push(...segment(0xdb, [0x00, ...Array<number>(64).fill(1)]));
  // Baseline frame: 8-bit, one component, no subsampling, table 0.
  head.push(...segment(0xc0, [8, ...u16(height), ...u16(width), 1, 1, 0x11, 0]));
  // DC and AC Huffman tables of one one-bit code each: category 0 (no change) and end-of-block.
  const oneCode = (tableClass: number) => [tableClass << 4, 1, ...Array<number>(15).fill(0), 0x00];
  head.push(...segment(0xc4, oneCode(0)), ...segment(0xc4, oneCode(1)));
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  // Two zero bits a block (DC unchanged, end of block); the last byte is padded with ones.
  const bits = blocks * 2;
  const scan = new Uint8Array(Math.ceil(bits / 8));
  const used = bits % 8;
  if (used > 0) scan[scan.length - 1] = 0xff >> used;
  const sos = segment(0xda, [1, 1, 0x00, 0, 63, 0]);
  const tail = 2;
  let padding = Math.max(0, sizeBytes - head.length - sos.length - scan.length - tail);
  const comments: number[] = [];
  let state = seed >>> 0 || 1;
  while (padding > 4) {
    const length = Math.min(padding - 4, 65_000);
    const body = new Uint8Array(length);
    for (let i = 0; i < length; i++) {
      state = (state * 1_103_515_245 + 12_345) >>> 0;
      // Never 0xff inside a segment body keeps every reader's marker scan simple.
      body[i] = (state >>> 16) % 0xff;
    }
    comments.push(...segment(0xfe, body));
    padding -= length + 4;
  }
  return Uint8Array.from([...head, ...comments, ...sos, ...scan, 0xff, 0xd9]);
}
