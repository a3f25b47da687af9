import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import {
  MATTER_RULES_1,
  matterRulesSchema,
  ruleSetProblems,
  type MatterRules,
  type PublishMatterRulesInput,
} from '@pilot/domain';
import { AuditService } from '../platform/audit/audit.service.js';
import type { Principal } from '../platform/auth/principal.js';
import { RefusedError } from '../platform/errors/api-errors.js';
import { isUniqueViolation } from '../platform/errors/database-errors.js';
import { PRISMA } from '../platform/tokens.js';
import type { MatterRuleSetList, MatterRuleSetView } from './matter-rules.dto.js';

const BUILT_IN: MatterRuleSetView = {
  version: MATTER_RULES_1.version,
  rules: MATTER_RULES_1,
  builtIn: true,
  publishedAt: null,
  publishedBy: null,
};

/** Someone published meanwhile: the form was filled in against a set that is no longer current. */
function changedSince(basedOn: number, current: number): RefusedError {
  return new RefusedError([
    {
      code: 'matter_rules_changed',
      zh: `办理规则已更新为第 ${current} 版（您修改的是第 ${basedOn} 版），请刷新后在新版本上修改。`,
      en: `The rules are at version ${current} now (you changed version ${basedOn}); reload and change the new one.`,
    },
  ]);
}

/**
 * 办理规则: the matter loop's limits as versioned data. An admin publishes the next set as a whole;
 * new matters follow the newest, running ones keep theirs (the workflow holds the set it started
 * with), so publishing never moves a deadline already counting.
 */
@Injectable()
export class MatterRulesService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AuditService) private readonly audit: AuditService,
  ) {}

  async list(): Promise<MatterRuleSetList> {
    const rows = await this.prisma.matterRuleSet.findMany({ orderBy: { version: 'desc' } });
    const names = new Map(
      (
        await this.prisma.user.findMany({
          where: { id: { in: rows.flatMap((r) => (r.publishedById ? [r.publishedById] : [])) } },
          select: { id: true, displayName: true },
        })
      ).map((u) => [u.id, u.displayName]),
    );
    const versions: MatterRuleSetView[] = rows.flatMap((row) => {
      // A row this code cannot read (written by a later release) is left out rather than guessed at.
      const parsed = matterRulesSchema.safeParse(row.rules);
      if (!parsed.success) return [];
      return [
        {
          version: row.version,
          rules: parsed.data,
          builtIn: false,
          publishedAt: row.publishedAt.toISOString(),
          publishedBy: row.publishedById
            ? { id: row.publishedById, name: names.get(row.publishedById) ?? row.publishedById }
            : null,
        },
      ];
    });
    if (!versions.some((v) => v.version === BUILT_IN.version)) versions.push(BUILT_IN);
    return { current: versions[0]!, versions };
  }

  async publish(actor: Principal, input: PublishMatterRulesInput): Promise<MatterRuleSetView> {
    const { basedOn, ...content } = input;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const latest = await tx.matterRuleSet.findFirst({ orderBy: { version: 'desc' } });
        const previousParsed = latest ? matterRulesSchema.safeParse(latest.rules) : null;
        const previous: MatterRules = previousParsed?.success ? previousParsed.data : MATTER_RULES_1;
        const current = latest?.version ?? MATTER_RULES_1.version;
        if (basedOn !== current) throw changedSince(basedOn, current);
        const rules: MatterRules = { ...content, version: current + 1 };
        const problems = ruleSetProblems(rules, previous);
        // The schema checked what a person can get wrong; a problem left here is ours.
        if (problems.length > 0) throw new Error(`rule set ${rules.version}: ${problems.join('; ')}`);
        const row = await tx.matterRuleSet.create({
          data: { version: rules.version, rules, publishedAt: new Date(), publishedById: actor.userId },
        });
        await this.audit.append(tx, actor, {
          action: 'matter_rules.publish',
          entityType: 'matter_rules',
          entityId: String(rules.version),
          before: previous,
          after: rules,
        });
        return {
          version: row.version,
          rules,
          builtIn: false,
          publishedAt: row.publishedAt.toISOString(),
          publishedBy: { id: actor.userId, name: actor.displayName },
        };
      });
    } catch (error) {
      // Two admins publishing the same next version at once: the second finds the first's.
      if (isUniqueViolation(error)) throw changedSince(basedOn, basedOn + 1);
      throw error;
    }
  }
}
