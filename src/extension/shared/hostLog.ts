// The GenQueue log (a LogOutputChannel in VS Code): request ids and state changes, never keys.
// Every line is redacted with the keys known at the time of writing.
//
// Writing a log line never throws: during Reload Window VS Code disposes the output channel while
// `deactivate` still runs, and `channel.error()` then throws "Channel has been closed". A throwing
// logger in a catch block would abort the shutdown (the leases would not be released).
import { redact } from '../../core/redact';

export interface LogSink {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = 'info' | 'warn' | 'error';

export class HostLog {
  constructor(
    private readonly sink: LogSink,
    private readonly secrets: () => readonly string[],
  ) {}

  write(level: LogLevel, message: string): void {
    try {
      this.sink[level](redact(message, this.secrets()));
    } catch {
      // The channel is gone (window closing): the line is lost, the caller carries on.
    }
  }

  info(message: string): void {
    this.write('info', message);
  }
  warn(message: string): void {
    this.write('warn', message);
  }
  error(message: string): void {
    this.write('error', message);
  }

  /** The engine's `log` option. */
  readonly forEngine = (level: LogLevel, message: string): void => this.write(level, message);
}
