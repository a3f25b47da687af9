// The runtime role on PGlite (SET ROLE, as close to a separate login as one embedded session
// allows) and on PostgreSQL (a login of its own): it writes the records and appends audit entries,
// but cannot change or remove them, nor switch the append-only triggers off.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit, checkpointAudit, createAuditSigner } from './audit/index.js';
import { openDatabase, type Database } from './client.js';
import { deployMigrations } from './migrate.js';
import { canRewriteAudit } from './runtime-role.js';
import { testTargets, type ScratchDatabase } from './scratch.js';
import type { DatabaseTarget } from './target.js';

const signer = createAuditSigner(randomBytes(32), 'test');

describe.each(testTargets())('the runtime role on %s', ({ name, create }) => {
  let scratch: ScratchDatabase;
  let runtime: Database;
  let login: string | null = null;

  beforeAll(async () => {
    scratch = await create();
    let target: DatabaseTarget = scratch.target;
    if (scratch.target.kind === 'postgres') {
      // A login of its own, as production runs it: DATABASE_URL's user, a member of the runtime role.
      login = `pilot_app_${randomBytes(4).toString('hex')}`;
      const password = randomBytes(12).toString('hex');
      const admin = new pg.Client({ connectionString: scratch.target.url });
      await admin.connect();
      await admin.query(`CREATE ROLE ${login} LOGIN PASSWORD '${password}'`);
      await admin.end();
      await deployMigrations(scratch.target, { runtimeMembers: [login] });
      const url = new URL(scratch.target.url);
      url.username = login;
      url.password = password;
      target = { kind: 'postgres', url: url.toString() };
    } else {
      await deployMigrations(scratch.target);
    }
    runtime = await openDatabase(target, { asRuntime: true });
  });
  afterAll(async () => {
    await runtime?.close();
    // The login is cluster-wide: it goes while its database is still there to connect to.
    if (login && scratch.target.kind === 'postgres') {
      const admin = new pg.Client({ connectionString: scratch.target.url });
      await admin.connect();
      await admin.query(`DROP ROLE IF EXISTS ${login}`);
      await admin.end();
    }
    await scratch?.drop();
  });

  it(`writes records and appends audit entries and checkpoints (${name})`, async () => {
    await runtime.prisma.community.create({
      data: { id: 'com-test', code: '370124001099', name: '测试社区', subdistrict: '锦水街道' },
    });
    await runtime.prisma.community.update({ where: { id: 'com-test' }, data: { name: '测试社区（改）' } });
    const entry = await runtime.prisma.$transaction((tx) =>
      appendAudit(tx, signer, { action: 'community.create', entityType: 'community', entityId: 'com-test' }),
    );
    expect(entry.streamSeq).toBe(1);
    expect(await checkpointAudit(runtime.prisma, signer)).not.toBeNull();
    expect(await canRewriteAudit(runtime.prisma)).toBe(false);
  });

  it('may not change or remove audit entries or checkpoints, nor switch their triggers off', async () => {
    const denied = /permission denied|must be owner/;
    await expect(runtime.prisma.$executeRawUnsafe(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(
      denied,
    );
    await expect(runtime.prisma.$executeRawUnsafe('DELETE FROM audit_log')).rejects.toThrow(denied);
    await expect(runtime.prisma.$executeRawUnsafe('TRUNCATE audit_log')).rejects.toThrow(denied);
    await expect(runtime.prisma.$executeRawUnsafe('DELETE FROM audit_checkpoint')).rejects.toThrow(denied);
    await expect(
      runtime.prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete'),
    ).rejects.toThrow(denied);
    await expect(runtime.prisma.$executeRawUnsafe('DROP TABLE audit_log')).rejects.toThrow(denied);
    expect(await runtime.prisma.auditLog.count()).toBe(1);
  });

  it('may not change or remove logbook entries (a correction is a new entry), but may delete visitor data', async () => {
    const denied = /permission denied|must be owner/;
    await expect(runtime.prisma.$executeRawUnsafe(`UPDATE logbook_entry SET summary = 'x'`)).rejects.toThrow(
      denied,
    );
    await expect(runtime.prisma.$executeRawUnsafe('DELETE FROM logbook_entry')).rejects.toThrow(denied);
    await expect(runtime.prisma.$executeRawUnsafe('TRUNCATE logbook_entry')).rejects.toThrow(denied);
    // Visitors' personal data sits apart so that it can be deleted when its retention ends.
    await expect(runtime.prisma.$executeRawUnsafe('DELETE FROM visitor_record')).resolves.toBe(0);
  });
});
