import type { LocalizedText } from '@pilot/domain';
import { ApiError } from '../platform/errors/api-errors.js';
import { FontMissingError, loadCjkFonts, type LoadedFonts } from './cjk-font.js';

/**
 * 503: this server cannot print Chinese (no CJK font installed or configured). Nothing is wrong
 * with the request; an administrator installs the font and the same request then works.
 */
export class PrintingUnavailableError extends ApiError {
  readonly status = 503;
  readonly code = 'pdf_font_missing';
  override text(): LocalizedText {
    return {
      zh: '服务器未安装中文字体，暂时无法生成 PDF。请管理员安装 Debian 软件包 fonts-noto-cjk，或用 PILOT_PDF_FONT 指定字体文件。',
      en: 'This server has no Chinese font, so it cannot make PDFs yet. An administrator installs the Debian package fonts-noto-cjk, or points PILOT_PDF_FONT at a font file.',
    };
  }
}

/** The fonts, or the 503 that tells an administrator what to install. */
export async function printingFonts(): Promise<LoadedFonts> {
  try {
    return await loadCjkFonts();
  } catch (error) {
    if (error instanceof FontMissingError) throw new PrintingUnavailableError(error.message);
    throw error;
  }
}
