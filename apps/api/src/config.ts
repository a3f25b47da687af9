import { z } from 'zod';

const port = (fallback: number) => z.coerce.number().int().min(1).max(65535).default(fallback);

/** Every setting the API reads, validated once at start-up so a bad value fails with its name. */
const ConfigSchema = z
  .object({
    API_HOST: z.string().min(1).default('127.0.0.1'),
    API_PORT: port(3100),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
      .optional(),
    PILOT_DATA_DIR: z.string().min(1).optional(),
    /** PostgreSQL connections of this process (API and embedded worker together). */
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    /** Evidence uploads and archives; defaults to the data folder's files/. */
    PILOT_STORAGE_DIR: z.string().min(1).optional(),
    TEMPORAL_ADDRESS: z
      .string()
      .regex(/^[^:\s]+:\d+$/, 'must be host:port, e.g. 127.0.0.1:7233')
      .default('127.0.0.1:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TLS: z.enum(['true', 'false']).default('false'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).optional(),
    /** `embedded` runs the Temporal worker inside the API process (the default with PGlite, which serves one process). */
    PILOT_WORKER: z.enum(['embedded', 'none']).optional(),
    LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
    /** Minutes between audit checkpoints, anchored in the anchor workflow's history. */
    AUDIT_ANCHOR_MINUTES: z.coerce.number().int().min(1).max(1440).default(10),
  })
  .transform((env) => ({
    host: env.API_HOST,
    port: env.API_PORT,
    databaseUrl: env.DATABASE_URL,
    dataDir: env.PILOT_DATA_DIR,
    dbPoolSize: env.DB_POOL_SIZE,
    storageDir: env.PILOT_STORAGE_DIR,
    temporal: {
      address: env.TEMPORAL_ADDRESS,
      namespace: env.TEMPORAL_NAMESPACE,
      tls: env.TEMPORAL_TLS === 'true',
      taskQueue: env.TEMPORAL_TASK_QUEUE,
    },
    embeddedWorker: (env.PILOT_WORKER ?? (env.DATABASE_URL ? 'none' : 'embedded')) === 'embedded',
    logLevel: env.LOG_LEVEL,
    auditAnchorMinutes: env.AUDIT_ANCHOR_MINUTES,
  }));

export type ApiConfig = z.output<typeof ConfigSchema>;

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
