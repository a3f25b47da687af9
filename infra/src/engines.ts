import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const infraDir = fileURLToPath(new URL('..', import.meta.url));

/**
 * Runs one of infra/temporal/ensure-*.sh (which builds or resolves the engine the first time and
 * prints its path). Exit code 3 means "cannot be had locally": the caller falls back to the SDK's
 * own download, which works on machines with internet access.
 */
function ensure(script: string, envName: string): string | undefined {
  const preset = process.env[envName]?.trim();
  if (preset) return preset;
  try {
    const out = execFileSync('bash', [`${infraDir}temporal/${script}`], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    process.env[envName] = out;
    return out || undefined;
  } catch (error) {
    if ((error as { status?: number }).status === 3) return undefined;
    throw error;
  }
}

/** The Temporal CLI (dev server), or undefined when only the SDK's download is left. */
export function temporalCliPath(): string | undefined {
  return ensure('ensure-cli.sh', 'TEMPORAL_CLI_PATH');
}

/** Temporal's time-skipping test server wrapper, or undefined when only the SDK's download is left. */
export function testServerPath(): string | undefined {
  return ensure('ensure-test-server.sh', 'TEMPORAL_TEST_SERVER_PATH');
}

/**
 * The Temporal server build of the production shape (a folder with bin/server, bin/sql, config/ and
 * schema/postgresql/v12/), or undefined when Go is missing.
 */
export function temporalServerDir(): string | undefined {
  return ensure('ensure-server.sh', 'TEMPORAL_SERVER_PATH');
}
