// Which font the printed Chinese is set in. PDFs embed (a subset of) a real CJK font, so a sheet
// reads the same on any printer; the standard PDF fonts have no Chinese glyphs at all.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';

/** One face of a font file; `face` names the face inside a collection (.ttc). */
export interface FontFace {
  file: string;
  face?: string;
}

export interface CjkFonts {
  regular: FontFace;
  bold: FontFace;
}

/** Loaded faces, ready for PDFKit's registerFont (file bytes and face name). */
export interface LoadedFace {
  bytes: Buffer;
  face?: string;
  source: string;
}

export interface LoadedFonts {
  regular: LoadedFace;
  bold: LoadedFace;
}

export class FontMissingError extends Error {}

/**
 * Debian's fonts-noto-cjk (what the start and test commands and the production image install),
 * then the other layouts the same faces are packaged in. The simplified-Chinese face of each
 * collection is named because a .ttc holds the SC, TC, JP, KR and HK faces.
 */
const KNOWN: ReadonlyArray<CjkFonts> = [
  {
    regular: {
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKsc-Regular',
    },
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  {
    regular: { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', face: 'NotoSansCJKsc-Regular' },
    bold: { file: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', face: 'NotoSansCJKsc-Bold' },
  },
  {
    regular: { file: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf' },
    bold: { file: '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Bold.otf' },
  },
];

/** `path` or `path#FaceName` (the PostScript name of a face in a .ttc). */
export function parseFontSetting(value: string): FontFace {
  const hash = value.lastIndexOf('#');
  const file = hash > 0 ? value.slice(0, hash) : value;
  const face = hash > 0 ? value.slice(hash + 1) : undefined;
  if (!face && /\.ttc$/i.test(file)) {
    const base = file.split('/').pop() ?? '';
    const noto = /^NotoSansCJK-(Regular|Bold)\.ttc$/i.exec(base);
    if (noto) return { file, face: `NotoSansCJKsc-${noto[1]}` };
    throw new FontMissingError(
      `PILOT_PDF_FONT=${value}: a .ttc holds several faces; name the one to use, e.g. ${file}#NotoSansCJKsc-Regular`,
    );
  }
  return face ? { file, face } : { file };
}

const NONE_FOUND =
  "no Chinese font for PDFs: install Debian's fonts-noto-cjk (apt-get install fonts-noto-cjk) or set PILOT_PDF_FONT to a .ttf/.otf/.ttc file (and PILOT_PDF_FONT_BOLD for headings)";

/**
 * The faces to print with: PILOT_PDF_FONT (and PILOT_PDF_FONT_BOLD, else the same face for
 * headings) when set, otherwise the first packaged Noto Sans CJK found. A setting that names a
 * missing file is an error rather than a silent fallback, so a misconfigured server says so.
 */
export function findCjkFonts(
  env: NodeJS.ProcessEnv = process.env,
  exists: (file: string) => boolean = existsSync,
): CjkFonts {
  const setting = env.PILOT_PDF_FONT?.trim();
  if (setting) {
    const regular = parseFontSetting(setting);
    const boldSetting = env.PILOT_PDF_FONT_BOLD?.trim();
    const bold = boldSetting ? parseFontSetting(boldSetting) : regular;
    for (const [name, face] of [
      ['PILOT_PDF_FONT', regular],
      ['PILOT_PDF_FONT_BOLD', bold],
    ] as const) {
      if (!exists(face.file)) throw new FontMissingError(`${name}: no font file at ${face.file}`);
    }
    return { regular, bold };
  }
  const found = KNOWN.find((fonts) => exists(fonts.regular.file));
  if (!found) throw new FontMissingError(NONE_FOUND);
  // A system with only the regular weight still prints; headings are then not bold.
  return exists(found.bold.file) ? found : { regular: found.regular, bold: found.regular };
}

let loading: Promise<LoadedFonts> | null = null;

/**
 * The font files, read once per process (about 40 MB for the two Noto collections): every PDF
 * shares them instead of reading them again, and memory stays flat however many are printed.
 */
export function loadCjkFonts(): Promise<LoadedFonts> {
  loading ??= (async () => {
    const fonts = findCjkFonts();
    const read = async (face: FontFace): Promise<LoadedFace> => ({
      bytes: await readFile(face.file),
      ...(face.face ? { face: face.face } : {}),
      source: face.face ? `${face.file}#${face.face}` : face.file,
    });
    const regular = await read(fonts.regular);
    const bold =
      fonts.bold.file === fonts.regular.file && fonts.bold.face === fonts.regular.face
        ? regular
        : await read(fonts.bold);
    return { regular, bold };
  })().catch((error: unknown) => {
    // A font installed after a failed attempt is picked up by the next request.
    loading = null;
    throw error;
  });
  return loading;
}

/** For the start-up lines: which font PDFs use, or why there is none. */
export function describeCjkFont(env: NodeJS.ProcessEnv = process.env): string {
  try {
    const { regular } = findCjkFonts(env);
    return `pdf font: ${regular.file}${regular.face ? `#${regular.face}` : ''}`;
  } catch (error) {
    return `pdf font: none (${error instanceof Error ? error.message : String(error)})`;
  }
}
