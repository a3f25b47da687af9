import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jsonValue, type BlobStorage, type ImportJob, type Prisma, type PrismaClient } from '@pilot/db';
import {
  formatInstant,
  formatInstantOrNull,
  IMPORT_KINDS,
  type ApplyImportInput,
  type ImportKind,
  type ImportProblem,
  type Locale,
} from '@pilot/domain';
import { hashPassword } from '@pilot/security';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { PRISMA, STORAGE } from '../platform/tokens.js';
import { RegisterService } from '../register/register.service.js';
import { readSheetTable } from './import-files.js';
import {
  planImport,
  type CompoundFields,
  type ImportPlan,
  type PlannedRow,
  type UserFields,
} from './import-plan.js';
import type { AppliedImport, ImportCounts, ImportJobView } from './import.dto.js';

type Actor = Pick<Principal, 'userId' | 'role' | 'requestId'>;

/** Rows applied per transaction: small enough to keep each short, large enough to keep 1,000 rows quick. */
const BATCH = 100;
const BATCH_PAUSE_MS = 25;
/** An apply that started this long ago and never finished (the process died) may be run again. */
const STALE_APPLY_MS = 10 * 60_000;
/** How many planned rows a report lists (every problem is always listed). */
const LISTED_ROWS = 500;

interface StoredOutcome {
  counts: ImportCounts;
  rows: Array<{ row: number; action: 'create' | 'update' | 'unchanged'; label: string }>;
  progress: { done: number; total: number } | null;
}

function countsOf(plan: ImportPlan): ImportCounts {
  const invalid = new Set(plan.problems.filter((p) => p.row > 1).map((p) => p.row)).size;
  const by = (action: string) => plan.rows.filter((row) => row.action === action).length;
  return { create: by('create'), update: by('update'), unchanged: by('unchanged'), invalid };
}

function view(job: ImportJob): ImportJobView {
  const outcome = job.outcome as unknown as StoredOutcome | null;
  return {
    id: job.id,
    kind: job.kind,
    fileName: job.fileName,
    fileHash: job.fileHash,
    status: job.status,
    rowCount: job.rowCount,
    // Written by this service only, in this shape.
    problems: job.problems as unknown as ImportProblem[],
    counts: outcome?.counts ?? { create: 0, update: 0, unchanged: 0, invalid: 0 },
    progress: outcome?.progress ?? null,
    rows: outcome?.rows ?? [],
    createdAt: formatInstant(job.createdAt),
    appliedAt: job.status === 'applied' ? formatInstantOrNull(job.appliedAt) : null,
  };
}

/** An initial password that passes the policy: 16 characters from four classes, never shown twice. */
function initialPassword(): string {
  const classes = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnopqrstuvwxyz', '23456789', '!@#%&*?'];
  const bytes = randomBytes(16);
  const chars = Array.from(bytes, (byte, i) => {
    const set = classes[i % classes.length]!;
    return set[byte % set.length]!;
  });
  return chars.join('');
}

/**
 * 批量导入: a subdistrict's own sheets checked in full (a dry run that changes nothing and names every
 * bad cell), then applied — creating and updating through the register's own writes, so each record
 * is audited as if entered by hand — in batches whose progress the job shows. Applying the same file
 * again changes nothing, because every row is matched to its record by its natural key.
 */
@Injectable()
export class ImportService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(STORAGE) private readonly storage: BlobStorage,
    @Inject(AuditService) private readonly audit: AuditService,
    @Inject(RegisterService) private readonly register: RegisterService,
  ) {}

  kindOf(text: string): ImportKind {
    const kind = IMPORT_KINDS.find((candidate) => candidate === text);
    if (!kind) throw new NotFoundError(`import kind ${text}`);
    return kind;
  }

  async list(): Promise<ImportJobView[]> {
    const jobs = await this.prisma.importJob.findMany({ orderBy: { createdAt: 'desc' }, take: 20 });
    return jobs.map(view);
  }

  async get(id: string): Promise<ImportJobView> {
    return view(await this.job(id));
  }

  private async job(id: string): Promise<ImportJob> {
    const job = await this.prisma.importJob.findUnique({ where: { id } });
    if (!job) throw new NotFoundError(`import ${id}`);
    return job;
  }

  /** The dry run: reads and checks the whole sheet against the records, keeps the file, changes nothing else. */
  async check(
    actor: Actor,
    kind: ImportKind,
    file: { fileName: string; bytes: Buffer },
    locale: Locale,
  ): Promise<ImportJobView> {
    const table = await readSheetTable(kind, file.bytes, locale);
    const plan = await planImport(this.prisma, kind, table);
    const fileHash = createHash('sha256').update(file.bytes).digest('hex');
    const id = `imp-${randomUUID()}`;
    await this.storage.put(this.fileKey(id, fileHash), file.bytes);
    const outcome: StoredOutcome = {
      counts: countsOf(plan),
      rows: plan.rows.slice(0, LISTED_ROWS).map(({ row, action, label }) => ({ row, action, label })),
      progress: null,
    };
    const job = await this.prisma.importJob.create({
      data: {
        id,
        kind,
        fileName: file.fileName.slice(0, 200),
        fileHash,
        status: 'checked',
        rowCount: plan.rowCount,
        problems: jsonValue(plan.problems),
        outcome: jsonValue(outcome),
        createdById: actor.userId,
        createdAt: new Date(),
      },
    });
    return view(job);
  }

  private fileKey(id: string, hash: string): string {
    return `imports/${id}/${hash}`;
  }

  async apply(actor: Actor, id: string, input: ApplyImportInput, locale: Locale): Promise<AppliedImport> {
    const job = await this.job(id);
    if (job.status === 'applied') return { ...view(job), credentials: [] };
    await this.claim(job);
    try {
      const table = await readSheetTable(
        job.kind,
        Buffer.from(await this.storage.get(this.fileKey(job.id, job.fileHash))),
        locale,
      );
      // Checked again: the records may have changed since the dry run (a firm added, a name taken).
      const plan = await planImport(this.prisma, job.kind, table);
      const headerProblem = plan.problems.some((p) => p.row === 1);
      if (headerProblem || (plan.problems.length > 0 && !input.acceptValidRows)) {
        throw new RefusedError([
          {
            code: 'import_has_problems',
            zh: headerProblem
              ? '表头不符合模板，无法导入；请按检查结果修改后重新上传。'
              : `还有 ${countsOf(plan).invalid} 行有问题；请修改后重新上传，或选择“只导入无误的行”。`,
            en: headerProblem
              ? 'The headers do not match the template; fix them and upload again.'
              : `${countsOf(plan).invalid} row(s) still have problems; fix and upload again, or apply only the valid rows.`,
          },
        ]);
      }
      const credentials = await this.applyRows(actor, job, plan, locale);
      const outcome: StoredOutcome = {
        counts: countsOf(plan),
        rows: plan.rows.slice(0, LISTED_ROWS).map(({ row, action, label }) => ({ row, action, label })),
        progress: null,
      };
      const applied = await this.prisma.$transaction(async (tx) => {
        const done = await tx.importJob.update({
          where: { id },
          data: {
            status: 'applied',
            appliedAt: new Date(),
            problems: jsonValue(plan.problems),
            outcome: jsonValue(outcome),
          },
        });
        await this.audit.append(tx, actor, {
          action: 'import.apply',
          entityType: 'import_job',
          entityId: id,
          after: { kind: job.kind, fileName: job.fileName, fileHash: job.fileHash, ...outcome.counts },
        });
        return done;
      });
      return { ...view(applied), credentials };
    } catch (error) {
      // A refused or failed apply may be tried again at once; rows already applied are matched then.
      await this.prisma.importJob.updateMany({ where: { id, status: 'checked' }, data: { appliedAt: null } });
      throw error;
    }
  }

  /** One apply at a time per job: a second click while the first runs is told so. */
  private async claim(job: ImportJob): Promise<void> {
    const now = new Date();
    const claimed = await this.prisma.importJob.updateMany({
      where: {
        id: job.id,
        status: 'checked',
        OR: [{ appliedAt: null }, { appliedAt: { lt: new Date(now.getTime() - STALE_APPLY_MS) } }],
      },
      data: { appliedAt: now },
    });
    if (claimed.count === 0) {
      throw new RefusedError([
        {
          code: 'import_running',
          zh: '该文件正在导入中，请稍候查看进度。',
          en: 'This file is being applied; check its progress shortly.',
        },
      ]);
    }
  }

  private async applyRows(
    actor: Actor,
    job: ImportJob,
    plan: ImportPlan,
    locale: Locale,
  ): Promise<AppliedImport['credentials']> {
    const work = plan.rows.filter((row) => row.action !== 'unchanged');
    const credentials: AppliedImport['credentials'] = [];
    for (let start = 0; start < work.length; start += BATCH) {
      const batch = work.slice(start, start + BATCH);
      // Hashing is deliberately slow; it happens before the transaction, not inside it.
      const passwords = new Map<number, { password: string; hash: string }>();
      if (job.kind === 'users') {
        for (const row of batch.filter((r) => r.action === 'create')) {
          const password = initialPassword();
          passwords.set(row.row, { password, hash: await hashPassword(password) });
        }
      }
      await this.prisma.$transaction(async (tx) => {
        for (const row of batch)
          await this.applyRow(tx, actor, job.kind, row, passwords.get(row.row)?.hash, locale);
        await tx.importJob.update({
          where: { id: job.id },
          data: {
            outcome: jsonValue({
              counts: countsOf(plan),
              rows: [],
              progress: { done: Math.min(start + BATCH, work.length), total: work.length },
            }),
          },
        });
      });
      // The embedded database has one session: a pause between batches lets progress reads in.
      await new Promise((resolve) => setTimeout(resolve, BATCH_PAUSE_MS));
      for (const row of batch) {
        const issued = passwords.get(row.row);
        if (issued) {
          const data = row.data as UserFields;
          credentials.push({
            username: data.username,
            displayName: data.displayName,
            password: issued.password,
          });
        }
      }
    }
    return credentials;
  }

  /**
   * One planned row. The plan was made for the job's kind, so its rows carry that kind's fields (the
   * casts below name which), and every row that is not a create names the record it updates (`id`).
   */
  private async applyRow(
    tx: Prisma.TransactionClient,
    actor: Actor,
    kind: ImportKind,
    row: PlannedRow,
    passwordHash: string | undefined,
    locale: Locale,
  ): Promise<void> {
    switch (kind) {
      case 'firms': {
        const data = row.data as PlannedRow<'firms'>['data'];
        if (row.action === 'create') await this.register.createFirmIn(tx, actor, data, locale);
        else await this.register.updateFirmIn(tx, actor, row.id!, { ...data, active: true }, locale);
        return;
      }
      case 'compounds': {
        const data = row.data as CompoundFields;
        if (row.action === 'create') await this.register.createCompoundIn(tx, actor, data, locale);
        else await this.register.updateCompoundIn(tx, actor, row.id!, { ...data, active: true }, locale);
        return;
      }
      case 'users': {
        const { username, displayName, role, firmId, communityId, phone, email } = row.data as UserFields;
        if (row.action === 'create') {
          const id = `usr-${randomUUID()}`;
          await tx.user.create({
            data: {
              id,
              username,
              displayName,
              role,
              firmId,
              communityId,
              phone,
              email,
              passwordHash: passwordHash!,
              mustChangePassword: true,
            },
          });
          await this.audit.append(tx, actor, {
            action: 'user.create',
            entityType: 'user',
            entityId: id,
            after: { username, displayName, role, firmId, communityId, source: 'import' },
          });
        } else {
          const before = await tx.user.findUniqueOrThrow({ where: { id: row.id! } });
          const patch = { displayName, firmId, communityId, phone, email };
          await tx.user.update({ where: { id: row.id! }, data: patch });
          await this.audit.append(tx, actor, {
            action: 'user.update',
            entityType: 'user',
            entityId: row.id!,
            before: {
              displayName: before.displayName,
              firmId: before.firmId,
              communityId: before.communityId,
              phone: before.phone,
              email: before.email,
            },
            after: { ...patch, source: 'import' },
          });
        }
        return;
      }
    }
  }
}
