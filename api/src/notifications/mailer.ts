import nodemailer from "nodemailer";
import type { Config } from "../config.ts";
import type { Logger } from "../logger.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/** Email through the SMTP server in SMTP_URL, or, without one, a readable line in the log. */
export function createMailer(config: Config, logger: Logger): Mailer {
  const transport = config.smtpUrl
    ? nodemailer.createTransport(config.smtpUrl)
    : nodemailer.createTransport({ jsonTransport: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from: config.mailFrom, ...message });
      if (!config.smtpUrl)
        logger.info({ to: message.to, subject: message.subject }, `email (not sent: no SMTP_URL):\n${message.text}`);
      else logger.debug({ messageId: info.messageId, to: message.to }, "email sent");
    },
  };
}
