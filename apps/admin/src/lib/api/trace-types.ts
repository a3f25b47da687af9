import type { ResponseOf } from '@pilot/api-client';

/*
 * 痕迹化管理 (the firm's equipment register, logbooks, patrol routes and 物业管家) as the API's
 * OpenAPI document describes its answers (apps/api/src/traces/trace.dto.ts).
 */

export type CompoundTraces = ResponseOf<'get', '/traces/compounds/{id}'>;
export type EquipmentView = CompoundTraces['equipment'][number];
export type PatrolRouteView = CompoundTraces['routes'][number];
export type StewardView = CompoundTraces['stewards'][number];
export type OperationShare = CompoundTraces['operation'];
export type MaintenanceState = NonNullable<EquipmentView['nextMaintenance']>['state'];
export type EquipmentRecord = ResponseOf<'get', '/traces/equipment/{id}'>;
export type LogbookEntryPage = ResponseOf<'get', '/traces/entries'>;
export type LogbookEntryView = ResponseOf<'get', '/traces/entries/{id}'>;
export type LogbookKindCode = LogbookEntryView['entryKind']['code'];
export type MyStewards = ResponseOf<'get', '/traces/my-stewards'>;
export type RecordKeeping = ResponseOf<'get', '/dashboard/record-keeping'>;

/** What the inspection form shows under a record-checking standard (`GET /tasks/:id` → traces). */
export type TaskTraces = ResponseOf<'get', '/tasks/{id}'>['traces'];
export type StandardTraces = TaskTraces['standards'][number];
export type TraceSourceView = StandardTraces['sources'][number];
export type TraceEntryView = TraceSourceView['entries'][number];
