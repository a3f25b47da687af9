import { CATALOGUE_2026_1, DEFAULT_CATALOGUE, catalogueFingerprint } from '@pilot/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type {
  CatalogueVersionDetail,
  CatalogueVersionPage,
  CatalogueVersionSummary,
} from './catalogue.dto.js';

interface ErrorBody {
  error: {
    code: string;
    message: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string; zh: string; en: string }>;
  };
}

const a01 = DEFAULT_CATALOGUE.standards.find((s) => s.code === 'A-01')!;

describe('catalogue versions over HTTP', () => {
  let api: ApiHarness;
  let admin: ApiClient;
  let inspector: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    admin = await api.as('admin.jinshui');
    inspector = await api.as('insp.zhang');
  });
  afterAll(async () => api?.close());

  it('lists and reads the seeded published versions with their categories, standards and weekly checklist', async () => {
    const list = await inspector.get<CatalogueVersionPage>('/catalogue/versions');
    expect(list.status).toBe(200);
    expect(list.body.items.map((v) => v.id)).toEqual(['2026.1', '2024.1']);
    expect(list.body.items.find((v) => v.id === '2024.1')).toMatchObject({
      status: 'published',
      editable: false,
      fingerprint: catalogueFingerprint(DEFAULT_CATALOGUE),
      counts: { categories: 8, standards: 107, weeklyItems: 35, keyParts: 0 },
    });
    expect(list.body.items.find((v) => v.id === '2026.1')).toMatchObject({
      status: 'published',
      fingerprint: catalogueFingerprint(CATALOGUE_2026_1),
      counts: { categories: 8, standards: 107, weeklyItems: 35, keyParts: 10 },
    });
    const detail = await inspector.get<CatalogueVersionDetail>('/catalogue/versions/2024.1');
    expect(detail.status).toBe(200);
    expect(detail.body.categories).toHaveLength(8);
    expect(detail.body.categories.reduce((sum, c) => sum + c.standardCount, 0)).toBe(107);
    expect(detail.body.standards).toHaveLength(107);
    expect(detail.body.weeklyChecklist).toHaveLength(35);
    expect(detail.body.weeklyChecklist[0]).toMatchObject({
      position: 1,
      code: DEFAULT_CATALOGUE.weeklyChecklist[0],
    });
    // 2024.1 is served as stored: without the fields it predates.
    expect(detail.body.keyParts).toBeUndefined();
    expect(detail.body.standards.some((s) => s.requires !== undefined)).toBe(false);
    expect((await inspector.get('/catalogue/versions/1999.1')).status).toBe(404);
  });

  it('serves where 2026.1 standards apply, their staff-operation mark, interim control and key parts', async () => {
    const detail = await inspector.get<CatalogueVersionDetail>('/catalogue/versions/2026.1');
    expect(detail.status).toBe(200);
    const c05 = detail.body.standards.find((s) => s.code === 'C-05')!;
    expect(c05).toMatchObject({ requires: ['lifts'], staffOperation: false, critical: true });
    expect(c05.interimControl?.zh).toContain('停用');
    expect(detail.body.standards.find((s) => s.code === 'D-02')).toMatchObject({
      requires: [],
      staffOperation: true,
    });
    expect(detail.body.keyParts).toEqual(CATALOGUE_2026_1.keyParts);
  });

  it('drafts from a published version, edits the draft and publishes the reviewed fingerprint', async () => {
    const created = await admin.post<CatalogueVersionDetail>('/catalogue/versions', {
      version: '2025.1',
      basedOn: '2024.1',
      title: '物业企业激励评价工作标准（2025年修订）',
      changes: { standards: [{ ...a01, weight: a01.weight + 2 }] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: '2025.1', status: 'draft', editable: true, publishedAt: null });
    expect(created.body.standards.find((s) => s.code === 'A-01')!.weight).toBe(a01.weight + 2);
    expect(created.body.counts).toEqual({ categories: 8, standards: 107, weeklyItems: 35, keyParts: 0 });

    // Drafts are the admin's work in progress.
    expect((await inspector.get('/catalogue/versions/2025.1')).status).toBe(404);
    expect((await inspector.get<CatalogueVersionPage>('/catalogue/versions')).body.total).toBe(2);
    expect(
      (await inspector.post('/catalogue/versions', { version: '2025.9', basedOn: '2024.1' })).status,
    ).toBe(403);
    expect(
      (await admin.get<CatalogueVersionPage>('/catalogue/versions?status=draft')).body.items.map((v) => v.id),
    ).toEqual(['2025.1']);

    const reviewed = created.body.fingerprint;
    const edited = await admin.patch<CatalogueVersionDetail>('/catalogue/versions/2025.1', {
      title: '2025年版（第二稿）',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe('2025年版（第二稿）');
    expect(edited.body.fingerprint).not.toBe(reviewed);

    // The admin reviewed the first text: publishing it now would publish something else.
    const stale = await admin.post<ErrorBody>('/catalogue/versions/2025.1/publish', {
      version: '2025.1',
      fingerprint: reviewed,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('refused');
    expect(stale.body.error.reasons!.map((r) => r.code)).toEqual(['catalogue_fingerprint_changed']);

    const mismatch = await admin.post<ErrorBody>('/catalogue/versions/2025.1/publish', {
      version: '2024.1',
      fingerprint: edited.body.fingerprint,
    });
    expect(mismatch.status).toBe(400);

    const published = await admin.post<CatalogueVersionSummary>('/catalogue/versions/2025.1/publish', {
      version: '2025.1',
      fingerprint: edited.body.fingerprint,
    });
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({
      status: 'published',
      editable: false,
      fingerprint: edited.body.fingerprint,
    });
    expect(published.body.publishedAt).not.toBeNull();
    expect((await inspector.get<CatalogueVersionDetail>('/catalogue/versions/2025.1')).status).toBe(200);

    // Published is final: changes go into a new version.
    const again = await admin.patch<ErrorBody>('/catalogue/versions/2025.1', { title: '再改' });
    expect(again.status).toBe(409);
    expect(again.body.error.reasons!.map((r) => r.code)).toEqual(['catalogue_version_not_draft']);
    const republish = await admin.post<ErrorBody>('/catalogue/versions/2025.1/publish', {
      version: '2025.1',
      fingerprint: edited.body.fingerprint,
    });
    expect(republish.status).toBe(409);

    const audit = await api.runtime.deps.prisma.auditLog.findMany({
      where: { entityType: 'catalogue_version', entityId: '2025.1' },
      orderBy: { seq: 'asc' },
    });
    expect(audit.map((a) => a.action)).toEqual([
      'catalogue.create_draft',
      'catalogue.update_draft',
      'catalogue.publish',
    ]);
    expect(audit[0]!.after).toMatchObject({ basedOn: '2024.1', changes: { standardsChanged: ['A-01'] } });
    expect(audit[0]!.actorId).toBe('usr-admin-jinshui');
  });

  it('answers an invalid draft with 400 naming each problem, in the caller language', async () => {
    const removed = await admin.post<ErrorBody>('/catalogue/versions', {
      version: '2025.2',
      basedOn: '2024.1',
      changes: { removeStandards: [DEFAULT_CATALOGUE.weeklyChecklist[0]] },
    });
    expect(removed.status).toBe(400);
    expect(removed.body.error.code).toBe('invalid_input');
    const paths = removed.body.error.issues!.map((i) => i.path);
    expect(paths).toContain('standards');
    expect(paths.some((p) => p.startsWith('weeklyChecklist'))).toBe(true);
    expect(removed.body.error.issues!.find((i) => i.path === 'standards')!.message).toContain('107');
    expect(removed.body.error.issues!.find((i) => i.path === 'standards')!.message).toMatch(/工作标准/);

    const shortChecklist = await admin.post<ErrorBody>(
      '/catalogue/versions',
      {
        version: '2025.2',
        basedOn: '2024.1',
        changes: { weeklyChecklist: DEFAULT_CATALOGUE.weeklyChecklist.slice(0, 34) },
      },
      { 'accept-language': 'en' },
    );
    expect(shortChecklist.status).toBe(400);
    expect(shortChecklist.body.error.issues!.map((i) => i.message).join(' ')).toMatch(/35 items/);

    const malformed = await admin.post<ErrorBody>('/catalogue/versions', {
      version: '2025',
      basedOn: '2024.1',
      changes: { standards: [{ ...a01, weight: 0 }] },
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.issues!.map((i) => i.path).sort()).toEqual([
      'changes.standards.0.weight',
      'version',
    ]);

    expect((await admin.post('/catalogue/versions', { version: '2025.2', basedOn: '2023.9' })).status).toBe(
      404,
    );
    expect((await admin.post('/catalogue/versions', { version: '2024.1', basedOn: '2024.1' })).status).toBe(
      409,
    );
    // Nothing of the refused drafts was stored.
    expect(await api.runtime.deps.prisma.catalogueVersion.count({ where: { id: '2025.2' } })).toBe(0);
  });

  it('drafts with key parts and applicability, and names the field of a bad key-part reference', async () => {
    const created = await admin.post<CatalogueVersionDetail>('/catalogue/versions', {
      version: '2026.2',
      basedOn: '2026.1',
    });
    expect(created.status).toBe(201);
    // The base's key parts come along, so the draft keeps its places.
    expect(created.body.keyParts).toEqual(CATALOGUE_2026_1.keyParts);
    expect(created.body.counts.keyParts).toBe(10);

    // A plain, unfrozen copy to edit; the JSON round trip keeps the type, which parse cannot know.
    const content = JSON.parse(JSON.stringify(CATALOGUE_2026_1)) as typeof CATALOGUE_2026_1;
    const keyParts = [
      ...(content.keyParts ?? []),
      {
        code: 'gate_house',
        name: { zh: '门岗', en: 'Gate house' },
        requires: [],
        standards: ['A-04', 'D-01', 'D-02'],
      },
    ];
    const standards = content.standards.map((s) =>
      s.code === 'C-13' ? { ...s, requires: ['underground_garage' as const], staffOperation: true } : s,
    );
    const replaced = await admin.request<CatalogueVersionDetail>('PUT', '/catalogue/versions/2026.2', {
      ...content,
      version: '2026.2',
      standards,
      keyParts,
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.keyParts?.map((p) => p.code).at(-1)).toBe('gate_house');
    expect(replaced.body.counts.keyParts).toBe(11);
    expect(replaced.body.standards.find((s) => s.code === 'C-13')).toMatchObject({
      requires: ['underground_garage'],
      staffOperation: true,
    });
    const audit = await api.runtime.deps.prisma.auditLog.findFirstOrThrow({
      where: { entityId: '2026.2', action: 'catalogue.replace_draft' },
    });
    expect(audit.after).toMatchObject({ changes: { keyPartsChanged: true, standardsChanged: ['C-13'] } });

    const badReference = await admin.request<ErrorBody>('PUT', '/catalogue/versions/2026.2', {
      ...content,
      version: '2026.2',
      keyParts: keyParts.map((p) => (p.code === 'gate_house' ? { ...p, standards: ['D-01', 'D-99'] } : p)),
    });
    expect(badReference.status).toBe(400);
    expect(badReference.body.error.code).toBe('invalid_input');
    const issue = badReference.body.error.issues!.find((i) => i.path === 'keyParts.10.standards.1');
    expect(issue?.message).toContain('D-99');

    const badCode = await admin.request<ErrorBody>(
      'PUT',
      '/catalogue/versions/2026.2',
      { ...content, version: '2026.2', keyParts: [{ ...keyParts[0]!, code: 'Fire Room' }] },
      { 'accept-language': 'en' },
    );
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.issues!.map((i) => i.path)).toEqual(['keyParts.0.code']);

    const a01 = content.standards.findIndex((s) => s.code === 'A-01');
    const interimOnMinor = await admin.request<ErrorBody>('PUT', '/catalogue/versions/2026.2', {
      ...content,
      version: '2026.2',
      standards: content.standards.map((s, index) =>
        index === a01 ? { ...s, interimControl: { zh: '临时措施', en: 'Stopgap' } } : s,
      ),
    });
    expect(interimOnMinor.status).toBe(400);
    expect(interimOnMinor.body.error.issues!.map((i) => i.path)).toEqual([`standards.${a01}.interimControl`]);

    // None of the refused bodies was stored.
    const stored = await admin.get<CatalogueVersionDetail>('/catalogue/versions/2026.2');
    expect(stored.body.fingerprint).toBe(replaced.body.fingerprint);
  });

  it('never changes a version once an inspection used it', async () => {
    const draft = await admin.post<CatalogueVersionDetail>('/catalogue/versions', {
      version: '2025.3',
      basedOn: '2024.1',
    });
    expect(draft.status).toBe(201);
    const replaced = await admin.request<CatalogueVersionDetail>('PUT', '/catalogue/versions/2025.3', {
      ...JSON.parse(JSON.stringify(DEFAULT_CATALOGUE)),
      version: '2025.3',
      title: '整体替换的草稿',
    });
    expect(replaced.status).toBe(200);
    expect(replaced.body.title).toBe('整体替换的草稿');
    const wrongId = await admin.request('PUT', '/catalogue/versions/2025.3', {
      ...JSON.parse(JSON.stringify(DEFAULT_CATALOGUE)),
      version: '2025.4',
    });
    expect(wrongId.status).toBe(400);

    // What recordInspection does when an inspection first scores against a version.
    await api.runtime.deps.prisma.catalogueVersion.update({
      where: { id: '2025.3' },
      data: { firstUsedAt: new Date() },
    });
    const patch = await admin.patch<ErrorBody>('/catalogue/versions/2025.3', { title: '不可再改' });
    expect(patch.status).toBe(409);
    expect(patch.body.error.reasons!.map((r) => r.code)).toEqual(['catalogue_version_used']);
    const put = await admin.request<ErrorBody>('PUT', '/catalogue/versions/2025.3', {
      ...JSON.parse(JSON.stringify(DEFAULT_CATALOGUE)),
      version: '2025.3',
    });
    expect(put.status).toBe(409);
    const publish = await admin.post<ErrorBody>('/catalogue/versions/2025.3/publish', {
      version: '2025.3',
      fingerprint: replaced.body.fingerprint,
    });
    expect(publish.status).toBe(409);
    const listed = await admin.get<CatalogueVersionDetail>('/catalogue/versions/2025.3');
    expect(listed.body).toMatchObject({ editable: false, title: '整体替换的草稿' });
  });
});
