import type { Prisma, PrismaClient } from '@pilot/db';
import type { Locale } from '@pilot/domain';
import { fieldError } from '../platform/validation/field-error.js';

/**
 * A firm writes about its own active compounds only (cases, trace records): any other compound,
 * unknown or another firm's, is the same 400 on `compoundId`, so a firm cannot probe for others.
 */
export async function checkOwnCompound(
  prisma: PrismaClient | Prisma.TransactionClient,
  firmId: string,
  compoundId: string,
  locale: Locale,
): Promise<void> {
  const compound = await prisma.compound.findUnique({
    where: { id: compoundId },
    select: { firmId: true, active: true },
  });
  if (!compound?.active || compound.firmId !== firmId)
    throw fieldError('compoundId', locale, {
      zh: '请选择本企业服务的小区。',
      en: 'Choose a compound your firm serves.',
    });
}
