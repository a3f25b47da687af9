import {
  DEFAULT_LOGBOOK_GRACE_HOURS,
  DEFAULT_VISITOR_RETENTION_DAYS,
  noticeEnvSchema,
  type NoticeSettings,
} from '@pilot/domain';
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
    /** How long a write waits for a worker to run its Update before answering 503 (retry with the same key). */
    WORKFLOW_UPDATE_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
    /** A session ends after this long without use… */
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(24 * 60)
      .default(120),
    /** …and this long after log-in however busy (token rotation keeps the original end). */
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24)
      .default(12),
    /** Requests per minute from one client address, over all routes. */
    RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(10).max(100_000).default(600),
    /** Log-in requests per minute from one client address, right or wrong. */
    LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
    /**
     * Which proxies' X-Forwarded-For to believe for the client's address: `loopback` (the admin UI's
     * server on this machine, the default), `false`, or a comma list of addresses / CIDRs.
     */
    TRUST_PROXY: z.string().min(1).default('loopback'),
    /**
     * Pilots a bulk enrollment starts at once. Each start waits for its workflow's first activity,
     * so this bounds the load one request puts on Temporal, the workers and the database pool.
     */
    BULK_ENROLL_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
    /**
     * Where residents open the admin UI: the 扫码报事 posters' QR codes point there. Defaults to
     * NOTICE_LINK_BASE_URL (the same UI), else the local start command's address.
     */
    PUBLIC_ADMIN_URL: z.url({ protocol: /^https?$/ }).optional(),
    /** How many hours back a logbook entry may be dated (痕迹化管理); later work is recorded as late. */
    LOGBOOK_GRACE_HOURS: z.coerce.number().int().min(0).max(168).default(DEFAULT_LOGBOOK_GRACE_HOURS),
    /** Days a visitor's name and phone are kept before they are deleted (stated on the visitor form). */
    VISITOR_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_VISITOR_RETENTION_DAYS),
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
    workflowUpdateTimeoutMs: env.WORKFLOW_UPDATE_TIMEOUT_SECONDS * 1000,
    session: { idleMs: env.SESSION_IDLE_MINUTES * 60_000, maxMs: env.SESSION_MAX_HOURS * 3_600_000 },
    rateLimit: { perMinute: env.RATE_LIMIT_PER_MINUTE, loginPerMinute: env.LOGIN_RATE_PER_MINUTE },
    trustProxy: trustProxy(env.TRUST_PROXY),
    bulkEnrollConcurrency: env.BULK_ENROLL_CONCURRENCY,
    publicAdminUrl: env.PUBLIC_ADMIN_URL,
    traces: { graceHours: env.LOGBOOK_GRACE_HOURS, visitorRetentionDays: env.VISITOR_RETENTION_DAYS },
  }));

/** Fastify's trustProxy from the setting: false, or the addresses whose forwarding header counts. */
function trustProxy(value: string): false | string[] {
  if (value === 'false') return false;
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The channels notices go out on (SMTP_*, WECOM_*, DINGTALK_*): the same settings the workers read. */
export type ApiConfig = Omit<z.output<typeof ConfigSchema>, 'publicAdminUrl'> & {
  notices: NoticeSettings;
  /** Without a trailing slash. */
  publicAdminUrl: string;
};

/** What `pnpm start` serves the admin UI on. */
const LOCAL_ADMIN_URL = 'http://127.0.0.1:3000';

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = ConfigSchema.safeParse(env);
  const notices = noticeEnvSchema.safeParse(env);
  if (parsed.success && notices.success) {
    const publicAdminUrl = (
      parsed.data.publicAdminUrl ??
      notices.data.linkBaseUrl ??
      LOCAL_ADMIN_URL
    ).replace(/\/+$/, '');
    return { ...parsed.data, publicAdminUrl, notices: notices.data };
  }
  const issues = [...(parsed.error?.issues ?? []), ...(notices.error?.issues ?? [])];
  const lines = issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
}
