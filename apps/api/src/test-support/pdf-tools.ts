// Reading PDFs in tests with poppler-utils (pdftotext, pdfinfo, pdfimages): an independent reader,
// so a test sees what a person's viewer would, not what our writer believes it wrote.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function poppler(tool: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await run(tool, args, { maxBuffer: 256 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} not found: install Debian's poppler-utils (the test command does, as root)`, {
        cause: error,
      });
    }
    throw error;
  }
}

/** Runs `read` on the bytes written to a temporary file. */
async function onFile<T>(bytes: Uint8Array, read: (file: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pilot-pdf-'));
  try {
    const file = path.join(dir, 'file.pdf');
    await writeFile(file, bytes);
    return await read(file);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const pdfText = (bytes: Uint8Array) => onFile(bytes, (file) => pdfTextOfFile(file));
export const pdfTextOfFile = (file: string) => poppler('pdftotext', ['-enc', 'UTF-8', file, '-']);

export async function pdfInfoOfFile(file: string): Promise<Record<string, string>> {
  const out = await poppler('pdfinfo', ['-enc', 'UTF-8', file]);
  return Object.fromEntries(
    out.split('\n').flatMap((line) => {
      const at = line.indexOf(':');
      return at > 0 ? [[line.slice(0, at).trim(), line.slice(at + 1).trim()]] : [];
    }),
  );
}
export const pdfInfo = (bytes: Uint8Array) => onFile(bytes, (file) => pdfInfoOfFile(file));

/** How many images the file's pages draw (pdfimages -list, one line per image after the header). */
export async function pdfImageCountOfFile(file: string): Promise<number> {
  const out = await poppler('pdfimages', ['-list', file]);
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim().length > 0).length;
}

/** Fonts the file embeds (pdffonts), by name. */
export async function pdfFonts(bytes: Uint8Array): Promise<Array<{ name: string; embedded: boolean }>> {
  const out = await onFile(bytes, (file) => poppler('pdffonts', [file]));
  return out
    .split('\n')
    .slice(2)
    .filter((line) => line.trim())
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      // name … emb sub uni object ID: emb is the fifth column from the end.
      return { name: parts[0] ?? '', embedded: parts[parts.length - 5] === 'yes' };
    });
}
