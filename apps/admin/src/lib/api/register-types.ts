import type { ResponseOf } from '@pilot/api-client';

/*
 * The register (台账) and its import as the API's OpenAPI document describes them: communities,
 * firms, a compound's register record, and an import job with its report.
 */

export type CommunityPage = ResponseOf<'get', '/communities'>;
export type Community = CommunityPage['items'][number];

export type FirmPage = ResponseOf<'get', '/firms'>;
export type Firm = FirmPage['items'][number];

export type CompoundRecord = ResponseOf<'get', '/compounds/{id}/record'>;

export type ImportJob = ResponseOf<'get', '/imports/{id}'>;
export type ImportKind = ImportJob['kind'];
export type ImportProblem = ImportJob['problems'][number];
export type ImportCounts = ImportJob['counts'];
export type AppliedImport = ResponseOf<'post', '/imports/{id}/apply'>;
export type IssuedCredential = AppliedImport['credentials'][number];
