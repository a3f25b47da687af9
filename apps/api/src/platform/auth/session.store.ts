import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { PrismaClient } from '@pilot/db';
import type { UserRole } from '@pilot/domain';
import { hashToken, newToken } from '@pilot/security';
import { PRISMA } from '../tokens.js';
import type { Principal } from './principal.js';

/** Sessions live this long without use; each authenticated request slides the expiry forward. */
export const SESSION_IDLE_MS = 12 * 3600 * 1000;
/** Sliding the expiry is a write; do it at most this often per session. */
const TOUCH_EVERY_MS = 5 * 60 * 1000;

/** Opaque bearer tokens; only their hash is stored, so a database leak yields no usable token. */
@Injectable()
export class SessionStore {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async create(
    userId: string,
    userAgent: string | null,
    rotatedFrom: string | null = null,
  ): Promise<{ token: string; sessionId: string; expiresAt: Date }> {
    const token = newToken();
    const sessionId = randomUUID();
    const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
    await this.prisma.session.create({
      data: { id: sessionId, userId, tokenHash: hashToken(token), expiresAt, userAgent, rotatedFrom },
    });
    return { token, sessionId, expiresAt };
  }

  async authenticate(token: string, requestId: string): Promise<Principal | null> {
    const session = await this.prisma.session.findUnique({
      where: { tokenHash: hashToken(token) },
      include: { user: true },
    });
    const now = Date.now();
    if (!session || session.revokedAt || session.expiresAt.getTime() <= now || !session.user.active)
      return null;
    if (session.expiresAt.getTime() - now < SESSION_IDLE_MS - TOUCH_EVERY_MS) {
      await this.prisma.session.update({
        where: { id: session.id },
        data: { expiresAt: new Date(now + SESSION_IDLE_MS) },
      });
    }
    return {
      userId: session.user.id,
      username: session.user.username,
      displayName: session.user.displayName,
      role: session.user.role as UserRole,
      firmId: session.user.firmId,
      sessionId: session.id,
      requestId,
    };
  }

  async revoke(sessionId: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { id: sessionId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }

  async revokeAllOf(userId: string): Promise<void> {
    await this.prisma.session.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: new Date() },
    });
  }
}
