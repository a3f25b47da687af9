// 三微案例 and 信息公开 over HTTP, against the real API, a Temporal dev server and PGlite: a firm
// submits a case with a photo for its own compound, the working group returns it, the firm revises,
// the working group accepts it, composes an issue and publishes it once; an admin publishes the
// public page, which anyone reads without logging in, with no person's name or number in it and a
// 304 for a matching ETag. Other roles are refused; bad input is a 400 per field and writes nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SUBDISTRICT, DEMO_USERS, DEMO_FIRMS } from '@pilot/db';
import { startApi, type ApiClient, type ApiHarness } from '../test-support/api-harness.js';
import type { CaseIssueList, CaseIssueView, MicroCasePage, MicroCaseView } from './case.dto.js';
import type { PublicDisclosure } from '../disclosure/disclosure.dto.js';

interface ErrorBody {
  error: {
    code: string;
    issues?: Array<{ path: string; message: string }>;
    reasons?: Array<{ code: string }>;
  };
}

/** A 1×1 PNG: the upload checks the bytes against the declared type. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

async function uploadPhoto(api: ApiHarness, client: ApiClient): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([PNG], { type: 'image/png' }), 'photo.png');
  const response = await fetch(`${api.baseUrl}/evidence`, {
    method: 'POST',
    headers: { authorization: `Bearer ${client.token ?? ''}` },
    body: form,
  });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { items: Array<{ id: string }> };
  return body.items[0]!.id;
}

describe('三微案例 and the public page over HTTP', () => {
  let api: ApiHarness;
  let firm: ApiClient;
  let otherFirm: ApiClient;
  let coordinator: ApiClient;
  let admin: ApiClient;
  let inspector: ApiClient;
  let resident: ApiClient;
  let party: ApiClient;

  beforeAll(async () => {
    api = await startApi();
    [firm, otherFirm, coordinator, admin, inspector, resident, party] = await Promise.all([
      api.as('firm.xiangshun'),
      api.as('firm.jinrun'),
      api.as('coord.wang'),
      api.as('admin.jinshui'),
      api.as('insp.zhang'),
      api.as('resident.han'),
      api.as('party.zhzf'),
    ]);
  }, 180_000);
  afterAll(async () => api?.close());

  const draft = {
    type: 'service',
    title: '楼道应急照明一夜换新',
    compoundId: 'cmp-meiguijiayuan',
    body: '业主反映5号楼楼道应急灯不亮，物业当晚组织维修人员逐层排查，更换了12盏应急灯并张贴了报修电话。',
  };

  it('runs a case from submission to a published issue, with a return and a revision on the way', async () => {
    const photo = await uploadPhoto(api, firm);
    const submitted = await firm.post<MicroCaseView>('/cases', { ...draft, photoIds: [photo] });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
    const item = submitted.body;
    expect(item).toMatchObject({ status: { code: 'submitted' }, revision: 1, actions: [] });
    expect(item.photos.map((p) => p.id)).toEqual([photo]);

    // The reviewer sees it in the queue and may open its photo.
    const queue = await coordinator.get<MicroCasePage>('/cases?status=submitted&pageSize=100');
    expect(queue.body.items.map((c) => c.id)).toContain(item.id);
    expect(queue.body.items.find((c) => c.id === item.id)?.actions).toEqual(['accept', 'return', 'reject']);
    expect((await coordinator.get(`/evidence/${photo}`)).status).toBe(200);
    // Another firm neither sees the case nor its photo.
    expect((await otherFirm.get(`/cases/${item.id}`)).status).toBe(404);
    expect((await otherFirm.get(`/evidence/${photo}`)).status).toBe(404);

    // Returning needs a note.
    const bare = await coordinator.post<ErrorBody>(`/cases/${item.id}/review`, { verdict: 'return' });
    expect(bare.status).toBe(400);
    expect(bare.body.error.issues?.map((i) => i.path)).toEqual(['note']);
    const returned = await coordinator.post<MicroCaseView>(`/cases/${item.id}/review`, {
      verdict: 'return',
      note: '请补充维修前后的对比照片。',
    });
    expect(returned.status).toBe(200);
    expect(returned.body.status.code).toBe('returned');
    // Reviewed once: a second review of the same revision is refused.
    const again = await coordinator.post<ErrorBody>(`/cases/${item.id}/review`, { verdict: 'accept' });
    expect(again.status).toBe(409);

    const mine = await firm.get<MicroCaseView>(`/cases/${item.id}`);
    expect(mine.body).toMatchObject({ reviewNote: '请补充维修前后的对比照片。', actions: ['revise'] });
    const second = await uploadPhoto(api, firm);
    const revised = await firm.post<MicroCaseView>(`/cases/${item.id}/revise`, {
      ...draft,
      photoIds: [photo, second],
    });
    expect(revised.status, JSON.stringify(revised.body)).toBe(200);
    expect(revised.body).toMatchObject({ status: { code: 'submitted' }, revision: 2 });
    // Revising a case that is not returned is refused.
    expect((await firm.post(`/cases/${item.id}/revise`, draft)).status).toBe(409);

    const accepted = await coordinator.post<MicroCaseView>(`/cases/${item.id}/review`, { verdict: 'accept' });
    expect(accepted.body.status.code).toBe('shortlisted');

    const list = await coordinator.get<CaseIssueList>('/case-issues');
    const number = list.body.nextNumber;
    const created = await coordinator.post<CaseIssueView>('/case-issues', {
      number,
      title: '楼道里的小事',
      foreword: '本期聚焦楼道安全。',
      caseIds: [item.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ status: 'draft', number });
    expect(created.body.cases.map((c) => c.position)).toEqual([1]);
    // The number is taken now.
    const taken = await coordinator.post<ErrorBody>('/case-issues', { number, title: '重复期号' });
    expect(taken.status).toBe(409);
    // A firm does not see a draft.
    expect((await firm.get(`/case-issues/${created.body.id}`)).status).toBe(404);

    const published = await coordinator.post<CaseIssueView>(`/case-issues/${created.body.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.cases[0]?.status.code).toBe('selected');
    // Once only, and it cannot be emptied afterwards.
    const twice = await coordinator.post<ErrorBody>(`/case-issues/${created.body.id}/publish`);
    expect(twice.status).toBe(409);
    expect(twice.body.error.reasons?.map((r) => r.code)).toEqual(['case_issue_published']);
    const emptied = await coordinator.patch(`/case-issues/${created.body.id}`, { caseIds: [] });
    expect(emptied.status).toBe(409);
    expect((await firm.get(`/case-issues/${created.body.id}`)).status).toBe(200);

    // Every step is in the audit log.
    const audit = await admin.get<{ items: Array<{ action: string }> }>(
      `/audit?entityType=micro_case&entityId=${item.id}`,
    );
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((e) => e.action)).toEqual(
      expect.arrayContaining(['case.submit', 'case.review', 'case.revise']),
    );
  });

  it('refuses an empty issue and cases that are not shortlisted', async () => {
    const { body: issues } = await coordinator.get<CaseIssueList>('/case-issues');
    const created = await coordinator.post<CaseIssueView>('/case-issues', {
      number: issues.nextNumber,
      title: '空的一期',
    });
    expect(created.status).toBe(201);
    const empty = await coordinator.post<ErrorBody>(`/case-issues/${created.body.id}/publish`);
    expect(empty.status).toBe(409);
    expect(empty.body.error.reasons?.map((r) => r.code)).toEqual(['case_issue_empty']);
    const submitted = await firm.post<MicroCaseView>('/cases', draft);
    const wrong = await coordinator.patch<ErrorBody>(`/case-issues/${created.body.id}`, {
      caseIds: [submitted.body.id],
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.issues?.map((i) => i.path)).toEqual(['caseIds.0']);
  });

  it('answers bad input with a message per field and writes nothing', async () => {
    const before = await firm.get<MicroCasePage>('/cases?pageSize=1');
    const bad = await firm.post<ErrorBody>(
      '/cases',
      { type: 'gossip', title: '短', compoundId: 'cmp-meiguijiayuan', body: '太短' },
      { 'accept-language': 'en' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.issues?.map((i) => i.path).sort()).toEqual(['body', 'title', 'type']);
    expect(bad.body.error.issues?.every((i) => /^[A-Z]/.test(i.message))).toBe(true);
    const zh = await firm.post<ErrorBody>('/cases', { ...draft, title: '短' });
    expect(zh.body.error.issues?.[0]?.message).toContain('标题');
    // Not the firm's compound (东湖雅苑 is served by another firm), and a photo it did not upload.
    const foreign = await firm.post<ErrorBody>('/cases', { ...draft, compoundId: 'cmp-donghuyayuan' });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.issues?.map((i) => i.path)).toEqual(['compoundId']);
    const othersPhoto = await uploadPhoto(api, otherFirm);
    const stolen = await firm.post<ErrorBody>('/cases', { ...draft, photoIds: [othersPhoto] });
    expect(stolen.status).toBe(400);
    expect(stolen.body.error.issues?.map((i) => i.path)).toEqual(['photoIds.0']);
    const after = await firm.get<MicroCasePage>('/cases?pageSize=1');
    expect(after.body.total).toBe(before.body.total);
  });

  it('keeps other roles out', async () => {
    for (const client of [inspector, resident, party]) {
      expect((await client.get('/cases')).status).toBe(403);
      expect((await client.post('/cases', draft)).status).toBe(403);
      expect((await client.get('/case-issues')).status).toBe(403);
      expect((await client.get('/disclosure/snapshots')).status).toBe(403);
    }
    // A firm does not review, compose or publish; a coordinator does not submit or publish the page.
    expect((await firm.post('/cases/x/review', { verdict: 'accept' })).status).toBe(403);
    expect((await firm.post('/case-issues', { number: 999, title: '不行' })).status).toBe(403);
    expect((await coordinator.post('/cases', draft)).status).toBe(403);
    expect(
      (
        await coordinator.post('/disclosure/snapshots', {
          subdistrict: DEMO_SUBDISTRICT,
          sections: ['cases'],
        })
      ).status,
    ).toBe(403);
    expect((await api.anonymous.get('/cases')).status).toBe(401);
  });

  it('publishes the public page, served without a session, cached, with no personal data', async () => {
    const path = `/public/subdistricts/${encodeURIComponent(DEMO_SUBDISTRICT)}`;
    const badSections = await admin.post<ErrorBody>('/disclosure/snapshots', {
      subdistrict: DEMO_SUBDISTRICT,
      sections: ['gossip'],
    });
    expect(badSections.status).toBe(400);
    const unknown = await admin.post<ErrorBody>('/disclosure/snapshots', {
      subdistrict: '不存在街道',
      sections: ['cases'],
    });
    expect(unknown.body.error.issues?.map((i) => i.path)).toEqual(['subdistrict']);

    const sections = ['compounds', 'ranking', 'lists', 'cases', 'matters'];
    const preview = await admin.get<{ content: PublicDisclosure['content'] }>(
      `/disclosure/preview?subdistrict=${encodeURIComponent(DEMO_SUBDISTRICT)}&sections=${sections.join(',')}`,
    );
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    const snapshot = await admin.post<{ id: string }>('/disclosure/snapshots', {
      subdistrict: DEMO_SUBDISTRICT,
      sections,
    });
    expect(snapshot.status, JSON.stringify(snapshot.body)).toBe(201);

    const read = await api.anonymous.get<PublicDisclosure>(path);
    expect(read.status).toBe(200);
    expect(read.body.id).toBe(snapshot.body.id);
    expect(read.body.content.cases?.issues.some((i) => i.title === '楼道里的小事')).toBe(true);
    expect(read.body.content.matters).toBeDefined();
    expect(read.headers.get('cache-control')).toContain('public');
    const etag = read.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);

    // No person: no user's name, no firm contact, no phone number.
    const text = JSON.stringify(read.body);
    for (const user of DEMO_USERS) expect(text).not.toContain(user.displayName.split('（')[0]);
    for (const f of DEMO_FIRMS) {
      expect(text).not.toContain(f.contactName);
      expect(text).not.toContain(f.contactPhone);
    }
    expect(text).not.toMatch(/1[3-9]\d{9}/);

    const notModified = await api.anonymous.get(path, { 'if-none-match': etag ?? '' });
    expect(notModified.status).toBe(304);
    expect((await api.anonymous.get(path, { 'if-none-match': '"other"' })).status).toBe(200);
    expect((await api.anonymous.get('/public/subdistricts/nowhere')).status).toBe(404);

    const history = await admin.get<{ items: Array<{ id: string }> }>('/disclosure/snapshots');
    expect(history.body.items[0]?.id).toBe(snapshot.body.id);
  });
});
