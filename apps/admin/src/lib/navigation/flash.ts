/** One-time notices a form leaves for the page it redirects to (see server/flash.ts). */
export const FLASHES = ['passwordChanged'] as const;
export type Flash = (typeof FLASHES)[number];

export function isFlash(value: string | undefined): value is Flash {
  return value !== undefined && (FLASHES as readonly string[]).includes(value);
}
