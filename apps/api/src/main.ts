import { ConfigError, loadConfig } from './config.js';
import { createApiApp, createLogger } from './app.js';
import { openRuntime } from './runtime.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const runtime = await openRuntime(config);
  const app = await createApiApp(runtime.deps);
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: closing`, 'Main');
    await app.close();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen(config.port, config.host);
  for (const line of runtime.describe) logger.log(line, 'Main');
  logger.log(`API listening on http://${config.host}:${config.port} (docs at /api/docs)`, 'Main');
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
