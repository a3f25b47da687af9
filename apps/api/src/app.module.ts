import { Module, type DynamicModule } from '@nestjs/common';
import { ArchiveModule } from './archives/archive.module.js';
import { AuditLogModule } from './audit-log/audit-log.module.js';
import { AuthModule } from './auth/auth.module.js';
import { CalendarModule } from './calendars/calendar.module.js';
import { CatalogueModule } from './catalogue/catalogue.module.js';
import { DashboardModule } from './dashboard/dashboard.module.js';
import { ExportModule } from './exports/export.module.js';
import { CompoundModule } from './compounds/compound.module.js';
import { EvidenceModule } from './evidence/evidence.module.js';
import { HealthModule } from './health/health.module.js';
import { MatterModule } from './matters/matter.module.js';
import { PartyModule } from './parties/party.module.js';
import { ResidentsModule } from './residents/residents.module.js';
import { PatrolModule } from './patrols/patrol.module.js';
import { MeetingModule } from './meetings/meeting.module.js';
import { EvaluationModule } from './evaluations/evaluation.module.js';
import { CaseModule } from './cases/case.module.js';
import { DisclosureModule } from './disclosure/disclosure.module.js';
import { CampaignModule } from './campaigns/campaign.module.js';
import { PilotModule } from './pilots/pilot.module.js';
import { PrintingModule } from './printing/printing.module.js';
import { RectificationModule } from './rectifications/rectification.module.js';
import { RegisterModule } from './register/register.module.js';
import { ImportModule } from './imports/import.module.js';
import { TaskModule } from './tasks/task.module.js';
import { TraceModule } from './traces/trace.module.js';
import { UserModule } from './users/user.module.js';
import { NoticeModule } from './notices/notice.module.js';
import { PlatformModule, type PlatformDependencies } from './platform/platform.module.js';

@Module({})
export class AppModule {
  static register(deps: PlatformDependencies): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.register(deps),
        HealthModule,
        AuthModule,
        UserModule,
        PilotModule,
        TaskModule,
        RectificationModule,
        EvidenceModule,
        CompoundModule,
        RegisterModule,
        ImportModule,
        CatalogueModule,
        CalendarModule,
        DashboardModule,
        AuditLogModule,
        ExportModule,
        ArchiveModule,
        PrintingModule,
        NoticeModule,
        MatterModule,
        PartyModule,
        ResidentsModule,
        PatrolModule,
        MeetingModule,
        EvaluationModule,
        CaseModule,
        DisclosureModule,
        CampaignModule,
        TraceModule,
      ],
    };
  }
}
