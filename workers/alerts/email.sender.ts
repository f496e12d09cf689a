import { createTransport } from 'nodemailer';
import { type EmailConfig } from '../../config/index.js';
import type { AlertPayload } from './alert.channels.js';
import { ConfigError, ErrorCode, ExternalError } from '../../core/index.js';

/** Sends alerts through the configured SMTP server, one message per alert to every recipient. */
export class EmailSender {
  private transport: ReturnType<typeof createTransport> | undefined;

  constructor(
    private readonly email: EmailConfig,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async send(payload: AlertPayload): Promise<void> {
    const transport = (this.transport ??= this.createTransport());
    try {
      await transport.sendMail({
        from: this.email.from,
        to: this.email.to,
        subject: `[adwatch] ${payload.title}`,
        // Plain text only: titles and details can quote scraped ads.
        text: messageText(payload),
        headers: { 'X-Adwatch-Alert-Id': payload.id },
      });
    } catch (error) {
      const { host, port } = this.email.smtp;
      throw new ExternalError(
        ErrorCode.AlertDeliveryFailed,
        `SMTP server ${host}:${port} did not take the alert e-mail: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }

  close(): void {
    this.transport?.close();
  }

  private createTransport() {
    const { smtp } = this.email;
    const password = smtp.passwordEnv ? this.env[smtp.passwordEnv] : undefined;
    if (smtp.passwordEnv && !password)
      throw new ConfigError(
        `alerts.email.smtp.passwordEnv: the environment variable ${smtp.passwordEnv} is not set; set it to the SMTP password`,
      );
    return createTransport({
      host: smtp.host,
      port: smtp.port,
      secure: smtp.secure,
      ...(smtp.user ? { auth: { user: smtp.user, ...(password ? { pass: password } : {}) } } : {}),
      connectionTimeout: smtp.timeoutMillis,
      greetingTimeout: smtp.timeoutMillis,
      socketTimeout: smtp.timeoutMillis,
    });
  }
}

function messageText(payload: AlertPayload): string {
  return [
    payload.title,
    '',
    payload.detail,
    '',
    `Kind: ${payload.kind}`,
    `Fired: ${payload.firedAt}`,
    `Open in adwatch: ${payload.url}`,
    '',
    '-- adwatch alerts',
  ].join('\n');
}
