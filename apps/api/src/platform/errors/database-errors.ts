// Database refusals that only a client's input can cause, as the API errors a service would throw
// for them. Services check what they can first (a taken username, an unknown firm); this covers the
// race a check cannot close (two creates of one username at once) and any route that has no check,
// so such a refusal is never a 500.
import { Logger } from '@nestjs/common';
import { Prisma } from '@pilot/db';
import { fieldLabel, type InputIssue, type Locale } from '@pilot/domain';
import { ConflictError, InvalidInputError, NotFoundError, type ApiError } from './api-errors.js';

const logger = new Logger('Errors');

interface DriverCause {
  originalCode?: unknown;
  constraint?: { fields?: unknown; index?: unknown };
}

/** What the driver adapter reported (Prisma 7 over pg / PGlite), or the native engine's `target`. */
function causeOf(error: Prisma.PrismaClientKnownRequestError): DriverCause {
  // `meta` is typed as an open record: the adapter's cause is read field by field and checked.
  const meta = (error.meta ?? {}) as { driverAdapterError?: { cause?: DriverCause }; target?: unknown };
  const cause = meta.driverAdapterError?.cause ?? {};
  if (cause.constraint === undefined && meta.target !== undefined) {
    return { ...cause, constraint: { fields: meta.target } };
  }
  return cause;
}

function fieldsOf(cause: DriverCause): string[] {
  const fields = cause.constraint?.fields;
  if (Array.isArray(fields)) return fields.filter((field): field is string => typeof field === 'string');
  if (typeof fields === 'string') return [fields];
  return [];
}

/** `app_user_firmId_fkey` → `firmId`: Prisma names foreign keys `<table>_<column>_fkey`. */
function foreignKeyField(cause: DriverCause): string | null {
  const index = cause.constraint?.index;
  if (typeof index !== 'string') return null;
  const match = /_([A-Za-z0-9]+)_fkey$/.exec(index);
  return match?.[1] ?? null;
}

function fieldIssue(field: string, locale: Locale, zh: string, en: string): InputIssue {
  const label = fieldLabel([field]);
  return { path: field, message: locale === 'en' ? `${label.en}: ${en}` : `「${label.zh}」：${zh}` };
}

/** Prisma's "unique constraint failed", for a service that words the conflict itself. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}

/** The API error for a database refusal caused by the input, or null when it is ours (a 500). */
export function apiErrorOfDatabase(error: unknown, locale: Locale): ApiError | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  const cause = causeOf(error);
  switch (error.code) {
    case 'P2002': {
      const fields = fieldsOf(cause);
      const issues = (fields.length > 0 ? fields : ['']).map((field) =>
        field
          ? fieldIssue(field, locale, '该值已被使用，请换一个', 'this value is already taken; choose another')
          : { path: '', message: locale === 'en' ? 'This record exists already.' : '该记录已存在。' },
      );
      return new ConflictError(issues);
    }
    case 'P2003': {
      const field = foreignKeyField(cause);
      return new InvalidInputError([
        field
          ? fieldIssue(field, locale, '所指的记录不存在', 'refers to a record that does not exist')
          : {
              path: '',
              message: locale === 'en' ? 'A referenced record does not exist.' : '所引用的记录不存在。',
            },
      ]);
    }
    case 'P2025':
      return new NotFoundError(error.message);
  }
  // SQLSTATE class 22 (data exception: invalid text, a value too long or out of range) comes only
  // from a value we were sent. The edge should have refused it already, so it is logged to find
  // the check that is missing, and answered as the client's error.
  const sqlState = cause.originalCode;
  if (error.code === 'P2000' || (typeof sqlState === 'string' && sqlState.startsWith('22'))) {
    logger.warn({ message: 'database refused a value', code: error.code, sqlState });
    return new InvalidInputError([
      {
        path: '',
        message:
          locale === 'en'
            ? 'A value is not valid (too long, out of range or not valid text).'
            : '有字段的值无效（过长、超出范围或含有无效字符）。',
      },
    ]);
  }
  return null;
}
