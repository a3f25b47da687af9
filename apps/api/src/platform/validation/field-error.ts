import { fieldLabel, type Locale, type LocalizedText } from '@pilot/domain';
import { InvalidInputError } from '../errors/api-errors.js';

/** A 400 on one field found by a service, worded like the schemas' own messages (「用户名」：…). */
export function fieldError(path: string, locale: Locale, text: LocalizedText): InvalidInputError {
  const label = fieldLabel([path]);
  return new InvalidInputError([
    { path, message: locale === 'en' ? `${label.en}: ${text.en}` : `「${label.zh}」：${text.zh}` },
  ]);
}
