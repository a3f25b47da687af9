import { Controller, Get, HttpCode, Inject, Param, Patch, Post, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import {
  endStewardSchema,
  equipmentLabelsQuerySchema,
  listLogbookEntriesQuerySchema,
  patrolRouteSchema,
  recordLogbookEntrySchema,
  setPatrolRouteActiveSchema,
  stewardAssignmentSchema,
  updateEquipmentSchema,
  createEquipmentSchema,
  type CreateEquipmentInput,
  type EndStewardInput,
  type EquipmentLabelsQuery,
  type ListLogbookEntriesQuery,
  type Locale,
  type PatrolRouteInput,
  type RecordLogbookEntryInput,
  type SetPatrolRouteActiveInput,
  type StewardAssignmentInput,
  type UpdateEquipmentInput,
} from '@pilot/domain';
import type { FastifyReply } from 'fastify';
import { CurrentUser, Roles } from '../platform/auth/decorators.js';
import type { Principal } from '../platform/auth/principal.js';
import { ApiFileResponse, ApiZodResponse } from '../platform/validation/api-response.js';
import { ApiZodBody, ApiZodQuery } from '../platform/validation/api-schema.js';
import { ApiZodBodyFromPath, RequestLocale, ValidBodyWithPath } from '../platform/validation/path-input.js';
import { ValidBody, ValidQuery } from '../platform/validation/valid-input.js';
import { LogbookService } from './logbook.service.js';
import { TraceLabelService } from './trace-labels.service.js';
import { TraceRegisterService } from './trace-register.service.js';
import {
  compoundStaffSchema,
  compoundTracesSchema,
  equipmentRecordSchema,
  equipmentViewSchema,
  logbookEntryPageSchema,
  logbookEntryViewSchema,
  myStewardsSchema,
  patrolRouteRecordSchema,
  patrolRouteViewSchema,
  stewardViewSchema,
  type CompoundStaff,
  type CompoundTraces,
  type EquipmentRecord,
  type EquipmentView,
  type LogbookEntryPage,
  type LogbookEntryView,
  type MyStewards,
  type PatrolRouteRecord,
  type PatrolRouteView,
  type StewardView,
} from './trace.dto.js';
import { sendPdf } from '../printing/send-pdf.js';

/** Who reads a compound's records: its firm, the working group, admins and the pilot's inspectors. */
const READERS = ['firm', 'coordinator', 'admin', 'inspector'] as const;

/** 痕迹化管理: the equipment register, logbooks, patrol routes and 物业管家 of a firm's compounds. */
@ApiTags('traces')
@ApiBearerAuth()
@ApiNotFoundResponse({ description: 'Unknown record, or one outside the caller’s compounds.' })
@Controller('traces')
export class TraceController {
  constructor(
    @Inject(TraceRegisterService) private readonly register: TraceRegisterService,
    @Inject(LogbookService) private readonly logbook: LogbookService,
    @Inject(TraceLabelService) private readonly labels: TraceLabelService,
  ) {}

  /** A compound's register, routes, stewards, the last 30 days' entries and 规范操作 per post. */
  @Roles(...READERS)
  @Get('compounds/:id')
  @ApiZodResponse(compoundTracesSchema, 'The compound’s trace records at a glance.')
  getCompoundTraces(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<CompoundTraces> {
    return this.register.overview(principal, id);
  }

  /** Whom the firm can name as a steward or the person responsible for an item. */
  @Roles('firm', 'coordinator', 'admin')
  @Get('compounds/:id/staff')
  @ApiZodResponse(compoundStaffSchema, 'The active accounts of the compound’s firm.')
  listCompoundStaff(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<CompoundStaff> {
    return this.register.staff(principal, id);
  }

  /** 标识标牌: the compound's labels in use, eight an A4 page; `equipmentId` for one item's. */
  @Roles('firm', 'coordinator', 'admin')
  @Get('compounds/:id/labels.pdf')
  @ApiZodQuery(equipmentLabelsQuerySchema)
  @ApiServiceUnavailableResponse({ description: 'No Chinese font on the server (pdf_font_missing).' })
  @ApiFileResponse('application/pdf', 'The labels, each with its QR code.')
  async printEquipmentLabels(
    @CurrentUser() principal: Principal,
    @Param('id') id: string,
    @ValidQuery(equipmentLabelsQuerySchema) query: EquipmentLabelsQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StreamableFile> {
    return sendPdf(reply, await this.labels.labels(principal, id, query.equipmentId ?? null));
  }

  /** 登记设备 on the compound's register. */
  @Roles('firm')
  @Post('equipment')
  @ApiZodBody(createEquipmentSchema)
  @ApiZodResponse(equipmentViewSchema, 'The item with its next maintenance.', 201)
  createEquipment(
    @CurrentUser() principal: Principal,
    @ValidBody(createEquipmentSchema) input: CreateEquipmentInput,
    @RequestLocale() locale: Locale,
  ): Promise<EquipmentView> {
    return this.register.createEquipment(principal, input, locale);
  }

  /** What a QR label opens: the item and its latest entries. */
  @Roles(...READERS)
  @Get('equipment/:id')
  @ApiZodResponse(equipmentRecordSchema, 'The item, its latest entries and whether the caller may write.')
  getEquipmentRecord(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<EquipmentRecord> {
    return this.logbook.equipmentRecord(principal, id);
  }

  @Roles('firm')
  @Patch('equipment/:id')
  @ApiZodBodyFromPath(updateEquipmentSchema, 'equipmentId')
  @ApiZodResponse(equipmentViewSchema, 'The item as changed.')
  updateEquipment(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(updateEquipmentSchema, 'equipmentId') input: UpdateEquipmentInput,
    @RequestLocale() locale: Locale,
  ): Promise<EquipmentView> {
    return this.register.updateEquipment(principal, input, locale);
  }

  /** 记录: an entry of any logbook, photos uploaded first (POST /evidence without a pilot). */
  @Roles('firm')
  @Post('entries')
  @ApiZodBody(recordLogbookEntrySchema)
  @ApiZodResponse(logbookEntryViewSchema, 'The entry as recorded.', 201)
  recordLogbookEntry(
    @CurrentUser() principal: Principal,
    @ValidBody(recordLogbookEntrySchema) input: RecordLogbookEntryInput,
    @RequestLocale() locale: Locale,
  ): Promise<LogbookEntryView> {
    return this.logbook.record(principal, input, locale);
  }

  @Roles(...READERS)
  @Get('entries')
  @ApiZodQuery(listLogbookEntriesQuerySchema)
  @ApiZodResponse(logbookEntryPageSchema, 'The compound’s entries, newest first.')
  listLogbookEntries(
    @CurrentUser() principal: Principal,
    @ValidQuery(listLogbookEntriesQuerySchema) query: ListLogbookEntriesQuery,
    @RequestLocale() locale: Locale,
  ): Promise<LogbookEntryPage> {
    return this.logbook.list(principal, query, locale);
  }

  @Roles(...READERS)
  @Get('entries/:id')
  @ApiZodResponse(logbookEntryViewSchema, 'The entry, with the entries correcting it.')
  getLogbookEntry(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<LogbookEntryView> {
    return this.logbook.entry(principal, id);
  }

  /** 巡检路线 of the firm's own rounds. */
  @Roles('firm')
  @Post('routes')
  @ApiZodBody(patrolRouteSchema)
  @ApiZodResponse(patrolRouteViewSchema, 'The route.', 201)
  createPatrolRoute(
    @CurrentUser() principal: Principal,
    @ValidBody(patrolRouteSchema) input: PatrolRouteInput,
    @RequestLocale() locale: Locale,
  ): Promise<PatrolRouteView> {
    return this.register.createRoute(principal, input, locale);
  }

  /** What the walk page opens: the route and its latest rounds. */
  @Roles(...READERS)
  @Get('routes/:id')
  @ApiZodResponse(patrolRouteRecordSchema, 'The route, its latest rounds and whether the caller may walk it.')
  getPatrolRoute(@CurrentUser() principal: Principal, @Param('id') id: string): Promise<PatrolRouteRecord> {
    return this.logbook.routeRecord(principal, id);
  }

  @Roles('firm')
  @Post('routes/:id/active')
  @HttpCode(200)
  @ApiZodBodyFromPath(setPatrolRouteActiveSchema, 'routeId')
  @ApiZodResponse(patrolRouteViewSchema, 'The route, retired or in use again.')
  setPatrolRouteActive(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(setPatrolRouteActiveSchema, 'routeId') input: SetPatrolRouteActiveInput,
    @RequestLocale() locale: Locale,
  ): Promise<PatrolRouteView> {
    return this.register.setRouteActive(principal, input, locale);
  }

  /** 物业管家 for some buildings; the same person's earlier assignment in the compound ends. */
  @Roles('firm')
  @Post('stewards')
  @ApiZodBody(stewardAssignmentSchema)
  @ApiZodResponse(stewardViewSchema, 'The assignment.', 201)
  assignSteward(
    @CurrentUser() principal: Principal,
    @ValidBody(stewardAssignmentSchema) input: StewardAssignmentInput,
    @RequestLocale() locale: Locale,
  ): Promise<StewardView> {
    return this.register.assignSteward(principal, input, locale);
  }

  @Roles('firm')
  @Post('stewards/:id/end')
  @HttpCode(204)
  @ApiZodBodyFromPath(endStewardSchema, 'stewardId')
  async endSteward(
    @CurrentUser() principal: Principal,
    @ValidBodyWithPath(endStewardSchema, 'stewardId') input: EndStewardInput,
    @RequestLocale() locale: Locale,
  ): Promise<void> {
    await this.register.endSteward(principal, input.stewardId, locale);
  }

  /** A resident's 物业管家: those serving their building. */
  @Roles('resident')
  @Get('my-stewards')
  @ApiZodResponse(myStewardsSchema, 'The stewards of the resident’s compound, theirs first.')
  getMyStewards(@CurrentUser() principal: Principal): Promise<MyStewards> {
    return this.register.myStewards(principal);
  }
}
