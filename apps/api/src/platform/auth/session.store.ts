import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { UserRole } from '@pilot/domain';
import { hashToken, newToken } from '@pilot/security';
import type { ApiConfig } from '../../config.js';
import { API_CONFIG, PRISMA } from '../tokens.js';
import type { Principal } from './principal.js';

/** Sliding the expiry is a write; do it at most this often per session. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Opaque bearer tokens; only their hash is stored, so a database leak yields no usable token. */
@Injectable()
export class SessionStore {
  private readonly idleMs: number;
  private readonly maxMs: number;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(API_CONFIG) config: ApiConfig,
  ) {
    this.idleMs = config.session.idleMs;
    this.maxMs = config.session.maxMs;
  }

  /**
   * A session lives `idleMs` without use (each request slides it) and never past `endsAt`: the
   * log-in's time plus `maxMs`. A rotated token keeps the session's end (pass the old one's).
   */
  async create(
    userId: string,
    userAgent: string | null,
    rotated: { from: string; endsAt: Date } | null = null,
  ): Promise<{ token: string; sessionId: string; expiresAt: Date; endsAt: Date }> {
    const token = newToken();
    const sessionId = randomUUID();
    const now = Date.now();
    const endsAt = rotated?.endsAt ?? new Date(now + this.maxMs);
    const expiresAt = new Date(Math.min(now + this.idleMs, endsAt.getTime()));
    await this.prisma.session.create({
      data: {
        id: sessionId,
        userId,
        tokenHash: hashToken(token),
        expiresAt,
        endsAt,
        userAgent,
        rotatedFrom: rotated?.from ?? null,
      },
    });
    return { token, sessionId, expiresAt, endsAt };
  }

  async authenticate(token: string, requestId: string): Promise<Principal | null> {
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: true },
    });
    const now = Date.now();
    if (
      !session ||
      session.revokedAt ||
      session.expiresAt.getTime() <= now ||
      session.endsAt.getTime() <= now ||
      !session.user.active
    )
      return null;
    const slid = Math.min(now + this.idleMs, session.endsAt.getTime());
    if (slid - session.expiresAt.getTime() > TOUCH_EVERY_MS) {
      await this.prisma.session.update({ where: { id: session.id }, data: { expiresAt: new Date(slid) } });
    }
    return {
      userId: session.user.id,
      username: session.user.username,
      displayName: session.user.displayName,
      role: session.user.role as UserRole,
      firmId: session.user.firmId,
      partyId: session.user.partyId,
      compoundId: session.user.compoundId,
      mustChangePassword: session.user.mustChangePassword,
      sessionId: session.id,
      sessionEndsAt: session.endsAt,
      requestId,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  /** Signs the user out everywhere, except the session named (the one changing its password). */
  async revokeAllOf(userId: string, except?: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { userId, revokedAt: null, ...(except ? { id: { not: except } } : {}) },
      data: { revokedAt: new Date() },
    });
  }
}
