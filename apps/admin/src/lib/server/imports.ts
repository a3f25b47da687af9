import { IMPORT_KINDS } from '@pilot/domain';
import type { ImportJob, ImportKind } from '$lib/api/register-types';
import type { Api, ApiResult } from './api';

/*
 * The import's calls that do their work inside one request. The dry run reads and checks the whole
 * sheet (about 3 s for 1,000 compounds); the apply writes it in batches and answers when the last
 * one is in (about 26 s for 1,000 compounds, longer for accounts, whose passwords are hashed one by
 * one). Both get a longer wait than the API's other calls, so the answer — with the new accounts'
 * passwords, shown once — is not cut off while the API still works on it.
 */

const CHECK_TIMEOUT_MS = 2 * 60_000;
/** Below the API's own limit for an apply that never finished (10 minutes): it is still this one. */
export const APPLY_TIMEOUT_MS = 9 * 60_000;

export function isImportKind(value: string): value is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(value);
}

/** The dry run of one uploaded file: the API keeps it and answers with its report. */
export function checkImportFile(api: Api, kind: ImportKind, file: File): Promise<ApiResult<ImportJob>> {
  const form = new FormData();
  form.set('file', file, file.name);
  return api.withTimeout(CHECK_TIMEOUT_MS).call((c) =>
    c.POST('/imports/{kind}', {
      params: { path: { kind } },
      // The document types the file part as a string; openapi-fetch sends a FormData as it is.
      body: form as unknown as { file: string },
      bodySerializer: (body) => body as unknown as FormData,
    }),
  );
}
