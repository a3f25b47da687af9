import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import { EQUIPMENT_TYPE_RULES, equipmentLabelPath } from '@pilot/domain';
import type { ApiConfig } from '../config.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { API_CONFIG, PRISMA } from '../platform/tokens.js';
import { printingFonts } from '../printing/printing-errors.js';
import type { PdfFile } from '../printing/printing.service.js';
import { renderEquipmentLabels } from './equipment-labels.js';
import { TraceRegisterService } from './trace-register.service.js';

/** 标识标牌: the register's labels as a PDF, one item's or the whole compound's in use. */
@Injectable()
export class TraceLabelService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(TraceRegisterService) private readonly register: TraceRegisterService,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async labels(principal: Principal, compoundId: string, equipmentId: string | null): Promise<PdfFile> {
    const compound = await this.register.readable(principal, compoundId);
    const rows = await this.prisma.equipment.findMany({
      where: { compoundId, active: true, ...(equipmentId !== null && { id: equipmentId }) },
      orderBy: { code: 'asc' },
    });
    if (rows.length === 0)
      throw new NotFoundError(equipmentId ? `equipment ${equipmentId}` : `equipment of ${compoundId}`);
    const title = `${compound.name}设施设备标识牌`;
    const bytes = await renderEquipmentLabels(
      await printingFonts(),
      title,
      rows.map((row) => ({
        compoundName: compound.name,
        firmName: compound.firm.name,
        assetCode: row.code,
        name: row.name,
        typeLabel: EQUIPMENT_TYPE_RULES[row.type].label.zh,
        site: row.location,
        responsible: row.responsibleName,
        responsiblePhone: row.responsiblePhone,
        contractor: row.contractor,
        contractorPhone: row.contractorPhone,
        maintenance: row.maintenanceIntervalDays === null ? null : `每 ${row.maintenanceIntervalDays} 天`,
        url: `${this.config.publicAdminUrl}${equipmentLabelPath(row.id)}`,
      })),
    );
    const one = equipmentId !== null ? rows[0] : undefined;
    return {
      fileName: one ? `${compound.name}-${one.code}-标识牌.pdf` : `${compound.name}-设施设备标识牌.pdf`,
      asciiFileName: (one ? `equipment-label-${one.id}.pdf` : `equipment-labels-${compound.id}.pdf`).replace(
        /[^A-Za-z0-9._-]/g,
        '_',
      ),
      bytes,
    };
  }
}
