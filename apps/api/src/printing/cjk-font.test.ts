import { describe, expect, it } from 'vitest';
import { describeCjkFont, findCjkFonts, FontMissingError, parseFontSetting } from './cjk-font.js';

const NOTO = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
const NOTO_BOLD = '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc';
const only =
  (...files: string[]) =>
  (file: string) =>
    files.includes(file);

describe('finding the CJK font PDFs are set in', () => {
  it('takes Debian’s Noto Sans CJK, simplified-Chinese faces of its collections, regular and bold', () => {
    expect(findCjkFonts({}, only(NOTO, NOTO_BOLD))).toEqual({
      regular: { file: NOTO, face: 'NotoSansCJKsc-Regular' },
      bold: { file: NOTO_BOLD, face: 'NotoSansCJKsc-Bold' },
    });
    // Only the regular weight installed: headings use it too rather than failing.
    expect(findCjkFonts({}, only(NOTO)).bold).toEqual({ file: NOTO, face: 'NotoSansCJKsc-Regular' });
  });

  it('says which Debian package to install when there is none', () => {
    expect(() => findCjkFonts({}, only())).toThrow(FontMissingError);
    expect(() => findCjkFonts({}, only())).toThrow(/fonts-noto-cjk.*PILOT_PDF_FONT/);
    expect(describeCjkFont({ PILOT_PDF_FONT: '/nowhere/font.ttf' })).toMatch(
      /^pdf font: none \(PILOT_PDF_FONT: no font file/,
    );
  });

  it('follows PILOT_PDF_FONT (and _BOLD) and refuses a setting that names no file, instead of falling back', () => {
    expect(findCjkFonts({ PILOT_PDF_FONT: '/opt/fonts/Sim.ttf' }, only('/opt/fonts/Sim.ttf'))).toEqual({
      regular: { file: '/opt/fonts/Sim.ttf' },
      bold: { file: '/opt/fonts/Sim.ttf' },
    });
    expect(
      findCjkFonts(
        { PILOT_PDF_FONT: '/f/a.ttc#SourceHanSansSC-Regular', PILOT_PDF_FONT_BOLD: '/f/b.otf' },
        only('/f/a.ttc', '/f/b.otf', NOTO),
      ),
    ).toEqual({ regular: { file: '/f/a.ttc', face: 'SourceHanSansSC-Regular' }, bold: { file: '/f/b.otf' } });
    expect(() => findCjkFonts({ PILOT_PDF_FONT: '/missing.ttf' }, only(NOTO, NOTO_BOLD))).toThrow(
      'PILOT_PDF_FONT: no font file at /missing.ttf',
    );
  });

  it('needs the face of a collection named, except for Noto’s own', () => {
    expect(parseFontSetting('/x/NotoSansCJK-Bold.ttc')).toEqual({
      file: '/x/NotoSansCJK-Bold.ttc',
      face: 'NotoSansCJKsc-Bold',
    });
    expect(() => parseFontSetting('/x/wqy-zenhei.ttc')).toThrow(/name the one to use/);
  });
});
