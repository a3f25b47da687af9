import { Inject, Injectable } from '@nestjs/common';
import type { ReportPostersQuery } from '@pilot/domain';
import type { ApiConfig } from '../config.js';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { API_CONFIG } from '../platform/tokens.js';
import { printingFonts } from '../printing/printing-errors.js';
import type { PdfFile } from '../printing/printing.service.js';
import type { ReportLink } from './resident-application.dto.js';
import { ResidentApplicationRepository, type PosterCompound } from './resident-application.repository.js';
import { renderReportPosters, type PosterPage } from './report-poster.js';
import { ResidentScope } from './resident-scope.js';

const safeAscii = (name: string) => name.replace(/[^A-Za-z0-9._-]/g, '_');

/**
 * 扫码报事: where a compound's QR code leads (the admin UI's report page, which asks a stranger to
 * log in or register first) and the posters that carry it, for the community's staff to print.
 */
@Injectable()
export class ReportPosterService {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @Inject(ResidentApplicationRepository) private readonly compounds: ResidentApplicationRepository,
    @Inject(ResidentScope) private readonly scope: ResidentScope,
  ) {}

  private urlOf(compoundId: string): string {
    return `${this.config.publicAdminUrl}/report?compound=${encodeURIComponent(compoundId)}`;
  }

  private async compound(principal: Principal, id: string): Promise<PosterCompound> {
    const compound = await this.compounds.posterCompound(id, await this.scope.compounds(principal));
    if (!compound) throw new NotFoundError(`compound ${id}`);
    return compound;
  }

  private page(compound: PosterCompound): PosterPage {
    return {
      compoundName: compound.name,
      communityName: compound.community.name,
      subdistrict: compound.community.subdistrict,
      url: this.urlOf(compound.id),
    };
  }

  async link(principal: Principal, id: string): Promise<ReportLink> {
    const compound = await this.compound(principal, id);
    return { url: this.urlOf(compound.id), compoundName: compound.name };
  }

  async poster(principal: Principal, id: string): Promise<PdfFile> {
    const compound = await this.compound(principal, id);
    const bytes = await renderReportPosters(await printingFonts(), [this.page(compound)]);
    return {
      fileName: `${compound.name}-扫码报事.pdf`,
      asciiFileName: safeAscii(`report-poster-${compound.id}.pdf`),
      bytes,
    };
  }

  async posters(principal: Principal, query: ReportPostersQuery): Promise<PdfFile> {
    const compounds = await this.compounds.posterCompounds(
      query.communityId,
      await this.scope.compounds(principal),
    );
    const first = compounds[0];
    // An unknown community, one outside the caller's, and one without active compounds alike.
    if (!first) throw new NotFoundError(`active compounds of community ${query.communityId}`);
    const bytes = await renderReportPosters(
      await printingFonts(),
      compounds.map((compound) => this.page(compound)),
    );
    return {
      fileName: `${first.community.name}-扫码报事.pdf`,
      asciiFileName: safeAscii(`report-posters-${query.communityId}.pdf`),
      bytes,
    };
  }
}
