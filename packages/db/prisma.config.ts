import { defineConfig } from 'prisma/config';

// Only `prisma generate` reads this file here; migrations go through src/migrate.ts (WASM engine).
// A real URL is optional: `prisma migrate deploy` on a production host sets DATABASE_URL.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://localhost:5432/pilot' },
});
