/**
 * Logging that cannot leak credentials.
 *
 * OAuth codes, `state`, tokens and the client secret must never reach a log line (desktop-oauth research, item 15).
 * Rather than trusting every call site, the logger scrubs every line: exact values registered as secrets, plus
 * anything shaped like a credential-bearing query parameter or bearer header.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** What core modules log through; fields are flattened into the line after redaction. */
export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Where finished, redacted lines go (console in the app, an array in tests). */
export type LogSink = (level: LogLevel, line: string) => void;

const sensitiveParameter =
  /\b(code|state|access_token|refresh_token|client_secret|id_token|token|cursor)=([^&\s"']+)/gi;
const sensitiveJsonField =
  /"(code|state|access_token|refresh_token|client_secret|id_token)"\s*:\s*"[^"]*"/gi;
const bearer = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/g;

/**
 * Scrubs known secret values and credential-shaped text.
 *
 * Secrets are registered as they become known (the client secret at start, tokens when issued) and are kept in a
 * set that only grows: a line is never allowed to contain one, even after sign-out.
 */
export class Redactor {
  private readonly secrets = new Set<string>();

  /** Remembers `value` so every later line has it replaced; short values are ignored to avoid mangling text. */
  public addSecret(value: string | null | undefined): void {
    if (value !== null && value !== undefined && value.length >= 8) this.secrets.add(value);
  }

  /** Returns `text` with every secret and credential-shaped fragment replaced by `[redacted]`. */
  public redact(text: string): string {
    let result = text;
    for (const secret of this.secrets) result = result.split(secret).join('[redacted]');
    return result
      .replace(sensitiveParameter, '$1=[redacted]')
      .replace(sensitiveJsonField, '"$1":"[redacted]"')
      .replace(bearer, '$1 [redacted]');
  }
}

function render(message: string, fields: Record<string, unknown> | undefined): string {
  if (fields === undefined) return message;
  const parts = Object.entries(fields).map(([name, value]) => {
    const text = value instanceof Error ? `${value.name}: ${value.message}` : typeof value === 'string' ? value : JSON.stringify(value);
    return `${name}=${text}`;
  });
  return `${message} ${parts.join(' ')}`;
}

/** Builds a logger whose every line goes through `redactor` before it reaches `sink`. */
export function createLogger(sink: LogSink, redactor: Redactor, scope = 'locdesk'): Logger {
  const write = (level: LogLevel) => (message: string, fields?: Record<string, unknown>) => {
    sink(level, redactor.redact(`[${scope}] ${render(message, fields)}`));
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** A sink that writes to the console, for the app and for command-line tools. */
export function consoleSink(minimum: LogLevel = 'info'): LogSink {
  const order: LogLevel[] = ['debug', 'info', 'warn', 'error'];
  return (level, line) => {
    if (order.indexOf(level) < order.indexOf(minimum)) return;
    const stream = level === 'error' || level === 'warn' ? process.stderr : process.stdout;
    stream.write(`${new Date().toISOString()} ${level} ${line}\n`);
  };
}

/** A logger that drops everything, for tests that do not look at logs. */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
