import { appendAudit } from '@pilot/db';
import { AUDIT_ANCHOR_WORKFLOW_ID, checkpointNowUpdate } from '@pilot/workflows/messages';
import { formatLocalDate } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import { csvLines, downloadFile as download } from '../test-support/report-fixtures.js';
import type { AuditChainCheck, AuditPage } from './audit-log.dto.js';

describe('audit log over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
    // Three audited changes by the admin: a user and a catalogue draft (created and edited).
    expect(
      (
        await admin.post('/users', {
          username: 'audit.target',
          displayName: '审计对象',
          role: 'inspector',
          password: 'long-enough-1',
        })
      ).status,
    ).toBe(201);
    expect((await admin.post('/catalogue/versions', { version: '2025.7', basedOn: '2024.1' })).status).toBe(
      201,
    );
    expect((await admin.patch('/catalogue/versions/2025.7', { title: '审计测试草稿' })).status).toBe(200);
  });
  afterAll(async () => api?.close());

  it('searches by action prefix, actor, entity and dates, newest first, with paging', async () => {
    const catalogue = await admin.get<AuditPage>('/audit?action=catalogue');
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.items.map((e) => e.action)).toEqual([
      'catalogue.update_draft',
      'catalogue.create_draft',
    ]);
    expect(catalogue.body.items[0]).toMatchObject({
      entityType: 'catalogue_version',
      entityId: '2025.7',
      actor: { id: 'usr-admin-jinshui', role: 'admin', displayName: '陈静（锦水街道）' },
    });
    expect(typeof catalogue.body.items[0]!.seq).toBe('string');

    const exact = await admin.get<AuditPage>('/audit?action=catalogue.create_draft&entityId=2025.7');
    expect(exact.body.total).toBe(1);
    const byActor = await admin.get<AuditPage>('/audit?actorId=usr-admin-jinshui&pageSize=2&page=1');
    expect(byActor.body.total).toBeGreaterThanOrEqual(3);
    expect(byActor.body.items).toHaveLength(2);
    const second = await admin.get<AuditPage>('/audit?actorId=usr-admin-jinshui&pageSize=2&page=2');
    expect(second.body.items[0]!.seq).not.toBe(byActor.body.items[0]!.seq);

    const today = formatLocalDate(Date.now());
    expect((await admin.get<AuditPage>(`/audit?action=catalogue&from=${today}&to=${today}`)).body.total).toBe(
      2,
    );
    expect((await admin.get<AuditPage>('/audit?action=catalogue&to=2020-01-01')).body.total).toBe(0);
    const reversed = await admin.get<{ error: { issues: Array<{ path: string }> } }>(
      '/audit?from=2025-03-02&to=2025-03-01',
    );
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.issues.map((i) => i.path)).toEqual(['to']);
  });

  it('labels each entry and finds entries by the words people see as well as by code', async () => {
    const drafts = await admin.get<AuditPage>('/audit?action=catalogue.create_draft');
    expect(drafts.body.items[0]).toMatchObject({
      action: 'catalogue.create_draft',
      actionLabel: { zh: '起草评价标准新版本', en: 'Catalogue draft created' },
      entityType: 'catalogue_version',
      entityLabel: { zh: '评价标准版本', en: 'Catalogue version' },
    });

    const byChinese = await admin.get<AuditPage>(`/audit?q=${encodeURIComponent('评价标准草稿')}`);
    expect(byChinese.status).toBe(200);
    expect(byChinese.body.items.map((e) => e.action)).toEqual(['catalogue.update_draft']);
    const byEnglish = await admin.get<AuditPage>('/audit?q=catalogue%20DRAFT');
    expect(byEnglish.body.items.map((e) => e.action)).toEqual([
      'catalogue.update_draft',
      'catalogue.create_draft',
    ]);
    const byCode = await admin.get<AuditPage>('/audit?q=create_draft');
    expect(byCode.body.items.map((e) => e.action)).toEqual(['catalogue.create_draft']);
    // The entity's words too, combined with the other filters.
    const users = await admin.get<AuditPage>(
      `/audit?q=${encodeURIComponent('用户')}&actorId=usr-admin-jinshui&entityType=user`,
    );
    expect(users.body.items.map((e) => e.action)).toContain('user.create');
    expect((await admin.get<AuditPage>(`/audit?q=${encodeURIComponent('毫不相干')}`)).body.total).toBe(0);

    // A code the table does not know (written by an older or newer version) still reads as words.
    await api.runtime.deps.prisma.$transaction((tx) =>
      appendAudit(tx, api.runtime.deps.audit.signer, {
        action: 'legacy.renamed_thing',
        entityType: 'legacy_record',
        entityId: 'x-1',
      }),
    );
    const other = await admin.get<AuditPage>(`/audit?q=${encodeURIComponent('其他操作')}`);
    expect(other.body.items).toHaveLength(1);
    expect(other.body.items[0]).toMatchObject({
      action: 'legacy.renamed_thing',
      actionLabel: { zh: '其他操作（legacy.renamed_thing）', en: 'Other action (legacy.renamed_thing)' },
      entityLabel: { zh: '其他对象（legacy_record）' },
    });

    const tooLong = await admin.get<{ error: { issues: Array<{ path: string; message: string }> } }>(
      `/audit?q=${'x'.repeat(101)}`,
    );
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.issues).toEqual([{ path: 'q', message: '「关键词」不能超过 100 个字' }]);
  });

  it('exports a filtered search as CSV with a BOM, a header row and Chinese text', async () => {
    const file = await download(admin, '/audit/export.csv?action=catalogue');
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toMatch(
      /^attachment; filename="audit-log-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''/,
    );
    const lines = csvLines(file.bytes);
    expect(lines[0]).toBe(
      '序号,时间,操作人,操作人编号,角色,操作,操作代码,对象类型,对象类型代码,对象编号,变更前,变更后,请求编号,哈希',
    );
    expect(lines).toHaveLength(3); // header + two entries, oldest first
    const first = lines[1]!.split(',');
    expect(first.slice(2, 10)).toEqual([
      '陈静（锦水街道）',
      'usr-admin-jinshui',
      '管理员',
      '起草评价标准新版本',
      'catalogue.create_draft',
      '评价标准版本',
      'catalogue_version',
      '2025.7',
    ]);
    expect(lines[2]).toContain('审计测试草稿');
    const byWords = csvLines(
      (await download(admin, `/audit/export.csv?q=${encodeURIComponent('起草')}`)).bytes,
    );
    expect(byWords).toHaveLength(2);

    const en = await download(admin, '/audit/export.csv?action=user.create', { 'accept-language': 'en' });
    const enLines = csvLines(en.bytes);
    expect(enLines[0]).toBe(
      'Seq,Time (Asia/Shanghai),Actor,Actor ID,Role,Action,Action code,Entity type,Entity type code,Entity ID,Before,After,Request ID,Hash',
    );
    expect(enLines[1]!.split(',').slice(4, 9)).toEqual([
      'Administrator',
      'User created',
      'user.create',
      'User',
      'user',
    ]);
  });

  it('lets only admins in', async () => {
    const coordinator = await api.as('coord.wang');
    expect((await coordinator.get('/audit')).status).toBe(403);
    expect((await coordinator.get('/audit/verify')).status).toBe(403);
    expect((await api.anonymous.get('/audit/export.csv')).status).toBe(401);
  });

  it('verifies every keyed stream against the anchors, and names the first altered entry', async () => {
    // The anchor workflow runs beside the API; one checkpoint now, so there is an anchor to hold to.
    const anchor = await api.runtime.deps.temporalClient.workflow
      .getHandle(AUDIT_ANCHOR_WORKFLOW_ID)
      .executeUpdate(checkpointNowUpdate, { args: [] });
    expect(anchor).not.toBeNull();
    const intact = await admin.get<AuditChainCheck>('/audit/verify');
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({ ok: true, brokenAt: null, firstBreak: null });
    expect(intact.body.checked).toBeGreaterThanOrEqual(4);
    expect(intact.body.lastGoodAnchor).toMatchObject({ checkpointId: anchor!.checkpointId });

    // The runtime may not touch the log at all; the database owner may, behind the triggers' back.
    const prisma = api.runtime.deps.prisma;
    await expect(prisma.$executeRawUnsafe(`UPDATE audit_log SET "entityId" = 'forged'`)).rejects.toThrow(
      /permission denied/,
    );
    const target = await prisma.auditLog.findFirstOrThrow({ where: { action: 'catalogue.create_draft' } });
    await prisma.$executeRawUnsafe('RESET ROLE');
    try {
      await prisma.$executeRawUnsafe('ALTER TABLE audit_log DISABLE TRIGGER USER');
      await prisma.$executeRaw`UPDATE audit_log SET "entityId" = 'forged' WHERE seq = ${target.seq}`;
      await prisma.$executeRawUnsafe('ALTER TABLE audit_log ENABLE TRIGGER USER');
    } finally {
      await prisma.$executeRawUnsafe('SET ROLE pilot_runtime');
    }

    const broken = await admin.get<AuditChainCheck>('/audit/verify');
    expect(broken.status).toBe(200);
    expect(broken.body).toMatchObject({
      ok: false,
      brokenAt: target.seq.toString(),
      firstBreak: { kind: 'hash_mismatch', stream: target.stream, position: target.streamSeq },
    });
    expect(broken.body.firstBreak?.label.zh).toContain('被改动');
    // The anchor vouched for that stream: it no longer holds.
    expect(broken.body.lastGoodAnchor).toBeNull();
  });
});
