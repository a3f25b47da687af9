import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  buildDisclosureContent,
  publishDisclosureSnapshot,
  type AuditKeyring,
  type DisclosureSnapshotRow,
  type PrismaClient,
} from '@pilot/db';
import {
  DISCLOSURE_SECTIONS,
  disclosureContentSchema,
  formatInstant,
  type DisclosurePreviewQuery,
  type DisclosureSection,
  type ListDisclosureSnapshotsQuery,
  type Locale,
  type PublishDisclosureInput,
} from '@pilot/domain';
import type { Principal } from '../platform/auth/principal.js';
import { NotFoundError } from '../platform/errors/api-errors.js';
import { AUDIT_KEYRING, PRISMA } from '../platform/tokens.js';
import { fieldError } from '../platform/validation/field-error.js';
import type {
  DisclosurePreview,
  DisclosureSnapshotList,
  DisclosureSnapshotSummary,
  PublicDisclosure,
} from './disclosure.dto.js';

/** A snapshot as the public route sends it: the JSON text once, its ETag, and when it was made. */
export interface ServedSnapshot {
  id: string;
  etag: string;
  json: string;
}

/**
 * How long this process trusts its answer to "which snapshot is the newest": short enough that a
 * publication through another API process shows within seconds, long enough that a burst of readers
 * (the page shared in a group chat) costs one query per subdistrict per interval, not per reader.
 */
const NEWEST_TTL_MS = 5_000;
/** Snapshots are immutable, so their serialized bodies are kept by id; a few subdistricts' worth. */
const MAX_BODIES = 32;

const sectionsOf = (stored: readonly string[]): DisclosureSection[] =>
  DISCLOSURE_SECTIONS.filter((s) => stored.includes(s));

/**
 * 信息公开: an admin previews the chosen sections, publishes them as a snapshot (the one builder in
 * @pilot/db, which the demo import calls too), and anyone reads the newest one. Reads are served
 * from memory: the body by snapshot id (it never changes), the newest id for a few seconds.
 */
@Injectable()
export class DisclosureService {
  private readonly newest = new Map<string, { id: string | null; until: number }>();
  private readonly bodies = new Map<string, ServedSnapshot>();

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(AUDIT_KEYRING) private readonly keyring: AuditKeyring,
  ) {}

  async preview(query: DisclosurePreviewQuery, locale: Locale): Promise<DisclosurePreview> {
    await this.checkSubdistrict(query.subdistrict, locale);
    const sections = sectionsOf(query.sections);
    return { sections, content: await buildDisclosureContent(this.prisma, query.subdistrict, sections) };
  }

  async publish(
    principal: Principal,
    input: PublishDisclosureInput,
    locale: Locale,
  ): Promise<DisclosureSnapshotSummary> {
    await this.checkSubdistrict(input.subdistrict, locale);
    const row = await this.prisma.$transaction(
      (tx) =>
        publishDisclosureSnapshot(tx, this.keyring.signer, principal, {
          subdistrict: input.subdistrict,
          sections: sectionsOf(input.sections),
        }),
      // Several sections read a few hundred rows; a slow disk needs more than the default 5 s.
      { timeout: 30_000 },
    );
    this.newest.delete(input.subdistrict);
    return this.summary(row, principal.displayName);
  }

  async history(query: ListDisclosureSnapshotsQuery): Promise<DisclosureSnapshotList> {
    const rows = await this.prisma.disclosureSnapshot.findMany({
      where: query.subdistrict ? { subdistrict: query.subdistrict } : {},
      orderBy: { publishedAt: 'desc' },
      take: 50,
      select: { id: true, subdistrict: true, sections: true, publishedAt: true, publishedById: true },
    });
    const ids = [...new Set(rows.flatMap((r) => (r.publishedById ? [r.publishedById] : [])))];
    const names = new Map(
      (
        await this.prisma.user.findMany({
          where: { id: { in: ids } },
          select: { id: true, displayName: true },
        })
      ).map((u) => [u.id, u.displayName]),
    );
    return {
      items: rows.map((r) => this.summary(r, r.publishedById ? (names.get(r.publishedById) ?? null) : null)),
    };
  }

  /** The newest snapshot of the subdistrict, serialized; 404 when none was published. */
  async served(subdistrict: string): Promise<ServedSnapshot> {
    const now = Date.now();
    let newest = this.newest.get(subdistrict);
    if (!newest || newest.until <= now) {
      const row = await this.prisma.disclosureSnapshot.findFirst({
        where: { subdistrict },
        orderBy: { publishedAt: 'desc' },
        select: { id: true },
      });
      newest = { id: row?.id ?? null, until: now + NEWEST_TTL_MS };
      this.newest.set(subdistrict, newest);
    }
    if (newest.id === null) throw new NotFoundError(`no disclosure for ${subdistrict}`);
    return this.bodies.get(newest.id) ?? (await this.load(newest.id));
  }

  private async load(id: string): Promise<ServedSnapshot> {
    const row = await this.prisma.disclosureSnapshot.findUnique({ where: { id } });
    if (!row) throw new NotFoundError(`disclosure ${id}`);
    const body: PublicDisclosure = {
      id: row.id,
      subdistrict: row.subdistrict,
      sections: sectionsOf(row.sections),
      publishedAt: formatInstant(row.publishedAt),
      // Stored by the builder in this shape; parsing again drops anything a later change left behind.
      content: disclosureContentSchema.parse(row.content),
    };
    const json = JSON.stringify(body);
    const served: ServedSnapshot = {
      id,
      json,
      etag: `"${createHash('sha256').update(json).digest('base64url').slice(0, 27)}"`,
    };
    if (this.bodies.size >= MAX_BODIES) {
      const oldest = this.bodies.keys().next();
      if (!oldest.done) this.bodies.delete(oldest.value);
    }
    this.bodies.set(id, served);
    return served;
  }

  private summary(
    row: Pick<DisclosureSnapshotRow, 'id' | 'subdistrict' | 'sections' | 'publishedAt'>,
    publishedBy: string | null,
  ): DisclosureSnapshotSummary {
    return {
      id: row.id,
      subdistrict: row.subdistrict,
      sections: sectionsOf(row.sections),
      publishedAt: formatInstant(row.publishedAt),
      publishedBy,
    };
  }

  private async checkSubdistrict(subdistrict: string, locale: Locale): Promise<void> {
    const community = await this.prisma.community.findFirst({
      where: { subdistrict, active: true },
      select: { id: true },
    });
    if (!community)
      throw fieldError('subdistrict', locale, { zh: '没有这个街道。', en: 'No such subdistrict.' });
  }
}
