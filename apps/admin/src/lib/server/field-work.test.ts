import { describe, expect, it } from 'vitest';
import { createApi, toFailure } from './api';
import { failureText, FILES_PER_UPLOAD, idempotencyKey, uploadEvidence } from './field-work';

describe('field-work server helpers', () => {
  it('derive one Idempotency-Key per request body, in the form the API accepts', () => {
    const body = { items: [{ code: 'A-03', outcome: 'pass' }], evidenceRefs: [] };
    const key = idempotencyKey('inspection', 'task/2024 07', body);
    expect(key).toMatch(/^[A-Za-z0-9._:-]{8,100}$/);
    expect(key.startsWith('inspection.task-2024-07.')).toBe(true);
    // The same answers (keys in any order) are the same request; other answers another one.
    expect(idempotencyKey('inspection', 'task/2024 07', { evidenceRefs: [], items: body.items })).toBe(key);
    expect(idempotencyKey('inspection', 'task/2024 07', { ...body, notes: 'x' })).not.toBe(key);
    expect(idempotencyKey('x', 'y'.repeat(300), body).length).toBeLessThanOrEqual(100);
  });

  it('say a refusal in the user’s language', () => {
    const refusal = toFailure(
      409,
      {
        error: {
          code: 'refused',
          message: 'Refused',
          reasons: [
            { code: 'checklist_incomplete', zh: '检查表未填写完整。', en: 'The checklist is incomplete.' },
          ],
        },
      },
      'zh-CN',
    );
    expect(failureText(refusal, 'zh-CN')).toBe('检查表未填写完整。');
    expect(failureText(refusal, 'en')).toBe('The checklist is incomplete.');
    const plain = toFailure(
      413,
      { error: { code: 'payload_too_large', message: '单个文件不能超过 10 MB' } },
      'zh-CN',
    );
    expect(failureText(plain, 'zh-CN')).toBe('单个文件不能超过 10 MB');
  });

  it('upload evidence as multipart, in batches the API accepts', async () => {
    const seen: Array<{ pilotId: string; files: number; type: string }> = [];
    let next = 0;
    const api = createApi({
      baseUrl: 'http://api.test',
      locale: 'zh-CN',
      token: 't',
      fetch: async (request) => {
        const form = await request.formData();
        const files = form.getAll('file');
        seen.push({
          pilotId: String(form.get('pilotId')),
          files: files.length,
          type: request.headers.get('content-type') ?? '',
        });
        const items = files.map((file) => ({
          id: `ev-${next++}`,
          pilotId: 'pilot-1',
          fileName: (file as File).name,
          contentType: 'image/png',
          sizeBytes: 3,
          sha256: 'x',
          uploadedById: 'u',
          uploadedAt: '2024-03-12T00:00:00.000Z',
        }));
        return new Response(JSON.stringify({ items }), {
          status: 201,
          headers: { 'content-type': 'application/json' },
        });
      },
    });
    const files = Array.from(
      { length: FILES_PER_UPLOAD + 2 },
      (_, i) => new File([new Uint8Array([1, 2, 3])], `p${i}.png`, { type: 'image/png' }),
    );
    const result = await uploadEvidence(api, 'pilot-1', files);
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.data).toHaveLength(12);
      expect(result.data[0]).toEqual({ id: 'ev-0', name: 'p0.png', contentType: 'image/png' });
    }
    expect(seen.map((call) => call.files)).toEqual([10, 2]);
    expect(
      seen.every((call) => call.pilotId === 'pilot-1' && call.type.startsWith('multipart/form-data')),
    ).toBe(true);
  });
});
