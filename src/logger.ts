import { pino, type Logger } from 'pino';

export type { Logger };

/** JSON lines on stdout. Secrets and comment bodies are never logged at info level. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', 'body'],
      censor: '[redacted]',
    },
  });
}
