import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Prisma } from '@pilot/db';
import {
  featuresOf,
  formatInstant,
  type CreateCommunityInput,
  type CreateCompoundInput,
  type CreateFirmInput,
  type ListCommunitiesQuery,
  type ListFirmsQuery,
  type Locale,
  type Reason,
  type UpdateCommunityInput,
  type UpdateCompoundInput,
  type UpdateFirmInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { ConflictError, NotFoundError, RefusedError } from '../platform/errors/api-errors.js';
import { fieldError } from '../platform/validation/field-error.js';
import type { CommunityPage, CommunityView, CompoundRecord, FirmPage, FirmView } from './register.dto.js';
import {
  RegisterRepository,
  type CommunityRow,
  type CompoundRecordRow,
  type FirmRow,
} from './register.repository.js';

type Actor = Pick<Principal, 'userId' | 'role' | 'requestId'>;
type Tx = Prisma.TransactionClient;

export function communityView(row: CommunityRow): CommunityView {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    subdistrict: row.subdistrict,
    active: row.active,
    compoundCount: row._count.compounds,
  };
}

export function firmView(row: FirmRow): FirmView {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.creditCode,
    contactName: row.contactName,
    contactPhone: row.contactPhone,
    contactEmail: row.contactEmail,
    address: row.address,
    active: row.active,
    listStatus: row.listStatus,
    compoundCount: row._count.compounds,
    userCount: row._count.users,
    createdAt: formatInstant(row.createdAt),
  };
}

export function compoundRecord(row: CompoundRecordRow): CompoundRecord {
  return {
    id: row.id,
    name: row.name,
    community: row.community,
    firm: row.firm,
    address: row.address,
    households: row.households,
    buildings: row.buildings,
    yearBuilt: row.yearBuilt,
    liftCount: row.liftCount,
    hasFireControlRoom: row.hasFireControlRoom,
    hasSecondaryWaterSupply: row.hasSecondaryWaterSupply,
    hasUndergroundGarage: row.hasUndergroundGarage,
    hasEvChargingArea: row.hasEvChargingArea,
    hasSepticTank: row.hasSepticTank,
    features: featuresOf(row),
    active: row.active,
  };
}

const refused = (code: string, zh: string, en: string): RefusedError => new RefusedError([{ code, zh, en }]);

function taken(path: string, locale: Locale, zh: string, en: string): ConflictError {
  return new ConflictError(fieldError(path, locale, { zh, en }).issues);
}

/** Only the fields a patch names, for the audit entry's before and after. */
function picked(row: object, patch: object): Record<string, unknown> {
  const source = row as Record<string, unknown>;
  return Object.fromEntries(Object.keys(patch).map((key) => [key, source[key]]));
}

/**
 * 台账维护: communities, firms and compounds created, edited and deactivated — never deleted, since
 * pilots, accounts and archives point at them — each change audited in the record's own stream.
 * The import applies its rows through the same writes (the `…In` methods take its transaction).
 */
@Injectable()
export class RegisterService {
  constructor(
    @Inject(RegisterRepository) private readonly register: RegisterRepository,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async listCommunities(query: ListCommunitiesQuery): Promise<CommunityPage> {
    const { rows, total } = await this.register.listCommunities(query);
    return { items: rows.map(communityView), total, page: query.page, pageSize: query.pageSize };
  }

  async listFirms(query: ListFirmsQuery): Promise<FirmPage> {
    const { rows, total } = await this.register.listFirms(query);
    return { items: rows.map(firmView), total, page: query.page, pageSize: query.pageSize };
  }

  async firm(id: string): Promise<FirmView> {
    const row = await this.register.firm(id);
    if (!row) throw new NotFoundError(`firm ${id}`);
    return firmView(row);
  }

  async compound(id: string): Promise<CompoundRecord> {
    const row = await this.register.compound(id);
    if (!row) throw new NotFoundError(`compound ${id}`);
    return compoundRecord(row);
  }

  // ─── communities ──────────────────────────────────────────────────────────────────────────

  async createCommunity(actor: Actor, input: CreateCommunityInput, locale: Locale): Promise<CommunityView> {
    return this.register.prisma
      .$transaction((tx) => this.createCommunityIn(tx, actor, input, locale))
      .then(communityView);
  }

  async createCommunityIn(
    tx: Tx,
    actor: Actor,
    input: CreateCommunityInput,
    locale: Locale,
  ): Promise<CommunityRow> {
    await this.assertCommunityFree(tx, input.communityCode, null, locale);
    const row = await this.register.createCommunity(tx, {
      id: `com-${randomUUID()}`,
      code: input.communityCode,
      name: input.name,
      subdistrict: input.subdistrict,
    });
    await this.audit.append(tx, actor, {
      action: 'community.create',
      entityType: 'community',
      entityId: row.id,
      after: { code: row.code, name: row.name, subdistrict: row.subdistrict },
    });
    return row;
  }

  async updateCommunity(
    actor: Actor,
    id: string,
    patch: UpdateCommunityInput,
    locale: Locale,
  ): Promise<CommunityView> {
    return this.register.prisma
      .$transaction((tx) => this.updateCommunityIn(tx, actor, id, patch, locale))
      .then(communityView);
  }

  async updateCommunityIn(
    tx: Tx,
    actor: Actor,
    id: string,
    patch: UpdateCommunityInput,
    locale: Locale,
  ): Promise<CommunityRow> {
    const before = await this.register.community(id, tx);
    if (!before) throw new NotFoundError(`community ${id}`);
    if (patch.communityCode !== undefined && patch.communityCode !== before.code) {
      await this.assertCommunityFree(tx, patch.communityCode, id, locale);
    }
    if (patch.active === false && before.active) {
      const compounds = await this.register.activeCompounds({ communityId: id }, tx);
      if (compounds > 0) {
        throw refused(
          'community_has_compounds',
          `社区下还有 ${compounds} 个启用的小区，请先停用或调整这些小区的所属社区。`,
          `${compounds} active compound(s) still belong to this community; deactivate or move them first.`,
        );
      }
    }
    const { communityCode, ...rest } = patch;
    const data = { ...rest, ...(communityCode !== undefined ? { code: communityCode } : {}) };
    const after = await this.register.updateCommunity(tx, id, data);
    await this.audit.append(tx, actor, {
      action: patch.active === false ? 'community.deactivate' : 'community.update',
      entityType: 'community',
      entityId: id,
      before: picked(before, data),
      after: picked(after, data),
    });
    return after;
  }

  private async assertCommunityFree(
    tx: Tx,
    code: string,
    self: string | null,
    locale: Locale,
  ): Promise<void> {
    const existing = await tx.community.findUnique({ where: { code }, select: { id: true, name: true } });
    if (existing && existing.id !== self) {
      throw taken(
        'communityCode',
        locale,
        `编码 ${code} 已被「${existing.name}」使用`,
        `code ${code} is used by ${existing.name}`,
      );
    }
  }

  // ─── firms ────────────────────────────────────────────────────────────────────────────────

  async createFirm(actor: Actor, input: CreateFirmInput, locale: Locale): Promise<FirmView> {
    return this.register.prisma
      .$transaction((tx) => this.createFirmIn(tx, actor, input, locale))
      .then(firmView);
  }

  async createFirmIn(tx: Tx, actor: Actor, input: CreateFirmInput, locale: Locale): Promise<FirmRow> {
    await this.assertFirmFree(tx, { name: input.name, creditCode: input.creditCode }, null, locale);
    const row = await this.register.createFirm(tx, {
      id: `firm-${randomUUID()}`,
      name: input.name,
      creditCode: input.creditCode,
      contactName: input.contactName ?? null,
      contactPhone: input.contactPhone ?? null,
      contactEmail: input.contactEmail ?? null,
      address: input.address ?? null,
    });
    await this.audit.append(tx, actor, {
      action: 'firm.create',
      entityType: 'firm',
      entityId: row.id,
      after: { name: row.name, creditCode: row.creditCode },
    });
    return row;
  }

  async updateFirm(actor: Actor, id: string, patch: UpdateFirmInput, locale: Locale): Promise<FirmView> {
    return this.register.prisma
      .$transaction((tx) => this.updateFirmIn(tx, actor, id, patch, locale))
      .then(firmView);
  }

  async updateFirmIn(
    tx: Tx,
    actor: Actor,
    id: string,
    patch: UpdateFirmInput,
    locale: Locale,
  ): Promise<FirmRow> {
    const before = await this.register.firm(id, tx);
    if (!before) throw new NotFoundError(`firm ${id}`);
    await this.assertFirmFree(tx, { name: patch.name, creditCode: patch.creditCode }, id, locale);
    if (patch.active === false && before.active) {
      const [compounds, pilots] = await Promise.all([
        this.register.activeCompounds({ firmId: id }, tx),
        this.register.runningPilots({ firmId: id }, tx),
      ]);
      const reasons: Reason[] = [];
      if (compounds > 0) {
        reasons.push({
          code: 'firm_serves_compounds',
          zh: `该企业还服务 ${compounds} 个启用的小区，请先将小区交给接管的企业或停用小区。`,
          en: `The firm still serves ${compounds} active compound(s); hand them to the succeeding firm or deactivate them first.`,
        });
      }
      if (pilots > 0) {
        reasons.push({
          code: 'firm_in_pilot',
          zh: `该企业还有 ${pilots} 个进行中的试点。`,
          en: `The firm still has ${pilots} running pilot(s).`,
        });
      }
      if (reasons.length > 0) throw new RefusedError(reasons);
    }
    const after = await this.register.updateFirm(tx, id, patch);
    await this.audit.append(tx, actor, {
      action: patch.active === false ? 'firm.deactivate' : 'firm.update',
      entityType: 'firm',
      entityId: id,
      before: picked(before, patch),
      after: picked(after, patch),
    });
    return after;
  }

  private async assertFirmFree(
    tx: Tx,
    keys: { name?: string | undefined; creditCode?: string | undefined },
    self: string | null,
    locale: Locale,
  ): Promise<void> {
    if (keys.name !== undefined) {
      const existing = await tx.firm.findUnique({ where: { name: keys.name }, select: { id: true } });
      if (existing && existing.id !== self) {
        throw taken('name', locale, `已有名为「${keys.name}」的物业企业`, `a firm named ${keys.name} exists`);
      }
    }
    if (keys.creditCode !== undefined) {
      const existing = await tx.firm.findUnique({
        where: { creditCode: keys.creditCode },
        select: { id: true, name: true },
      });
      if (existing && existing.id !== self) {
        throw taken(
          'creditCode',
          locale,
          `该代码已登记为「${existing.name}」的统一社会信用代码`,
          `this code is registered to ${existing.name}`,
        );
      }
    }
  }

  // ─── compounds ────────────────────────────────────────────────────────────────────────────

  async createCompound(actor: Actor, input: CreateCompoundInput, locale: Locale): Promise<CompoundRecord> {
    return this.register.prisma
      .$transaction((tx) => this.createCompoundIn(tx, actor, input, locale))
      .then(compoundRecord);
  }

  async createCompoundIn(
    tx: Tx,
    actor: Actor,
    input: CreateCompoundInput,
    locale: Locale,
  ): Promise<CompoundRecordRow> {
    await this.assertReferences(tx, input, locale);
    await this.assertCompoundFree(tx, input.communityId, input.name, null, locale);
    const row = await this.register.createCompound(tx, {
      id: `cmp-${randomUUID()}`,
      ...input,
      address: input.address ?? null,
      households: input.households ?? null,
      buildings: input.buildings ?? null,
      yearBuilt: input.yearBuilt ?? null,
    });
    await this.audit.append(tx, actor, {
      action: 'compound.create',
      entityType: 'compound',
      entityId: row.id,
      after: { ...input },
    });
    return row;
  }

  async updateCompound(
    actor: Actor,
    id: string,
    patch: UpdateCompoundInput,
    locale: Locale,
  ): Promise<CompoundRecord> {
    return this.register.prisma
      .$transaction((tx) => this.updateCompoundIn(tx, actor, id, patch, locale))
      .then(compoundRecord);
  }

  /**
   * Features changed while a pilot runs take effect from its next enrollment: a running pilot keeps
   * the applicability it was enrolled with, so its scores stay comparable round to round.
   */
  async updateCompoundIn(
    tx: Tx,
    actor: Actor,
    id: string,
    patch: UpdateCompoundInput,
    locale: Locale,
  ): Promise<CompoundRecordRow> {
    const before = await this.register.compound(id, tx);
    if (!before) throw new NotFoundError(`compound ${id}`);
    await this.assertReferences(tx, patch, locale);
    if (patch.name !== undefined || patch.communityId !== undefined) {
      await this.assertCompoundFree(
        tx,
        patch.communityId ?? before.communityId,
        patch.name ?? before.name,
        id,
        locale,
      );
    }
    const handover = patch.firmId !== undefined && patch.firmId !== before.firmId;
    const deactivating = patch.active === false && before.active;
    if (handover || deactivating) {
      const pilots = await this.register.runningPilots({ compoundId: id }, tx);
      if (pilots > 0) {
        throw refused(
          handover ? 'compound_in_pilot_handover' : 'compound_in_pilot',
          handover
            ? '小区的试点仍在进行，不能更换物业企业；请先结束或撤出试点。'
            : '小区的试点仍在进行，不能停用；请先结束或撤出试点。',
          handover
            ? 'The compound’s pilot is running; its firm cannot change until the pilot ends or is withdrawn.'
            : 'The compound’s pilot is running; it cannot be deactivated until the pilot ends or is withdrawn.',
        );
      }
    }
    const after = await this.register.updateCompound(tx, id, patch);
    await this.audit.append(tx, actor, {
      action: deactivating ? 'compound.deactivate' : handover ? 'compound.handover' : 'compound.update',
      entityType: 'compound',
      entityId: id,
      before: picked(before, patch),
      after: picked(after, patch),
    });
    return after;
  }

  private async assertReferences(
    tx: Tx,
    refs: { communityId?: string | undefined; firmId?: string | undefined },
    locale: Locale,
  ): Promise<void> {
    if (refs.communityId !== undefined) {
      const community = await tx.community.findUnique({
        where: { id: refs.communityId },
        select: { active: true },
      });
      if (!community || !community.active) {
        throw fieldError('communityId', locale, {
          zh: community ? '该社区已停用' : `没有编号为「${refs.communityId}」的社区`,
          en: community ? 'the community is deactivated' : `there is no community ${refs.communityId}`,
        });
      }
    }
    if (refs.firmId !== undefined) {
      const firm = await tx.firm.findUnique({ where: { id: refs.firmId }, select: { active: true } });
      if (!firm || !firm.active) {
        throw fieldError('firmId', locale, {
          zh: firm ? '该物业企业已停用' : `没有编号为「${refs.firmId}」的物业企业`,
          en: firm ? 'the firm is deactivated' : `there is no property firm ${refs.firmId}`,
        });
      }
    }
  }

  private async assertCompoundFree(
    tx: Tx,
    communityId: string,
    name: string,
    self: string | null,
    locale: Locale,
  ): Promise<void> {
    const existing = await tx.compound.findUnique({
      where: { communityId_name: { communityId, name } },
      select: { id: true },
    });
    if (existing && existing.id !== self) {
      throw taken(
        'name',
        locale,
        `该社区已有名为「${name}」的小区`,
        `the community already has a compound named ${name}`,
      );
    }
  }
}
