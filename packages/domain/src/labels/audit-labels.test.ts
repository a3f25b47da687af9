import { describe, expect, it } from 'vitest';
import { RECTIFICATION_STATUSES } from '../contract/pilot-state.js';
import { STAGE_EVENT_LABELS, STAGE_EVENT_TYPES } from '../stages/events.js';
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_ROLE_LABELS,
  auditActionLabel,
  auditCodesMatching,
  auditEntityLabel,
  auditRoleLabel,
  stageEventAction,
} from './audit-labels.js';
import { RECTIFICATION_STATUS_LABELS } from './record-labels.js';

const tables = {
  actions: AUDIT_ACTION_LABELS,
  entities: AUDIT_ENTITY_LABELS,
  roles: AUDIT_ROLE_LABELS,
  rectificationStatuses: RECTIFICATION_STATUS_LABELS,
};

describe('audit labels', () => {
  it('label every stage event as the workflow audits it (pilot.<event>)', () => {
    for (const type of STAGE_EVENT_TYPES) {
      expect(auditActionLabel(stageEventAction(type))).toEqual(STAGE_EVENT_LABELS[type]);
    }
    expect(auditActionLabel('pilot.self_inspection_submitted').zh).toBe('提交自查结果');
  });

  it('write Chinese labels in Chinese and English ones in English', () => {
    for (const [name, table] of Object.entries(tables)) {
      for (const [code, label] of Object.entries(table)) {
        // A Latin word in a Chinese label is exactly the leak these tables exist to stop.
        expect(label.zh, `${name}.${code}`).not.toMatch(/[A-Za-z]/);
        expect(label.zh.length, `${name}.${code}`).toBeGreaterThan(0);
        expect(label.en, `${name}.${code}`).toMatch(/^[A-Z][\x20-\x7e]*$/);
      }
    }
  });

  it('never show an unknown code on its own', () => {
    expect(auditActionLabel('pilot.teleported')).toEqual({
      zh: '其他操作（pilot.teleported）',
      en: 'Other action (pilot.teleported)',
    });
    expect(auditEntityLabel('parking_space')).toEqual({
      zh: '其他对象（parking_space）',
      en: 'Other record (parking_space)',
    });
    // Codes that happen to name Object.prototype members are unknown codes too.
    expect(auditActionLabel('constructor').zh).toBe('其他操作（constructor）');
    expect(auditRoleLabel(null).zh).toBe('系统');
    expect(auditRoleLabel('firm')).toEqual({ zh: '物业服务企业', en: 'Property firm' });
    expect(auditRoleLabel('robot').zh).toBe('其他角色（robot）');
  });

  it('turn label text into the codes it names, in either language', () => {
    const control = auditCodesMatching('管控');
    expect(control.actions).toEqual(['rectification.control']);
    expect(auditCodesMatching('自查').actions).toContain('pilot.self_inspection_submitted');
    expect(auditCodesMatching('catalogue draft').actions.sort()).toEqual([
      'catalogue.create_draft',
      'catalogue.replace_draft',
      'catalogue.update_draft',
    ]);
    expect(auditCodesMatching('整改事项').entityTypes).toEqual(['rectification']);
    expect(auditCodesMatching('其他操作')).toMatchObject({ otherActions: true, otherEntityTypes: false });
    expect(auditCodesMatching('毫不相干')).toEqual({
      actions: [],
      entityTypes: [],
      otherActions: false,
      otherEntityTypes: false,
    });
  });

  it('name every rectification status', () => {
    expect(Object.keys(RECTIFICATION_STATUS_LABELS).sort()).toEqual([...RECTIFICATION_STATUSES].sort());
    expect(RECTIFICATION_STATUS_LABELS.controlled.zh).toBe('已管控');
  });
});
