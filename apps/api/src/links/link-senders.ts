import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { fillTemplate } from './public-link';

/** What one message says, in both languages of the platform. */
export interface LinkMessage {
  conference: string;
  pointName: string;
  pointCode: string;
  operatorName: string | null;
  link: string;
  joinCode: string;
}

/** A refusal worth keeping in the delivery's record, as the server or gateway said it. */
export class DeliveryError extends Error {}

const GATEWAY_TIMEOUT_MS = 10_000;

/** Sends operators their links: by mail through SMTP_URL, by text through the SMS_WEBHOOK_URL gateway. */
@Injectable()
export class LinkSenders implements OnModuleDestroy {
  private mailer: Transporter | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get emailConfigured(): boolean {
    return this.config.links.smtpUrl !== null;
  }

  get smsConfigured(): boolean {
    return this.config.links.smsWebhookUrl !== null;
  }

  async email(to: string, m: LinkMessage): Promise<void> {
    this.mailer ??= nodemailer.createTransport(this.config.links.smtpUrl!, { from: this.config.links.mailFrom });
    const greeting = m.operatorName ? `Kính gửi ${m.operatorName},` : 'Kính gửi cán bộ điểm cầu,';
    try {
      await this.mailer.sendMail({
        to,
        subject: `${m.conference}: đường dẫn điểm cầu ${m.pointName} (${m.pointCode})`,
        text: [
          greeting,
          '',
          `Điểm cầu ${m.pointName} (${m.pointCode}) tham dự hội nghị "${m.conference}".`,
          `Mở đường dẫn sau trên máy tính hoặc điện thoại của điểm cầu để điểm danh, nhận truyền hình và gửi ý kiến:`,
          '',
          m.link,
          '',
          `Mã tham gia (nếu cần nhập tay): ${m.joinCode}`,
          'Xin không chuyển tiếp thư này: ai có đường dẫn đều vào được với tư cách điểm cầu.',
          '',
          '—',
          `Link for bridge point ${m.pointName} (${m.pointCode}) of "${m.conference}": ${m.link}`,
          `Join code: ${m.joinCode}. Please do not forward this message.`,
        ].join('\n'),
      });
    } catch (e) {
      throw new DeliveryError((e as Error).message);
    }
  }

  async sms(to: string, m: LinkMessage): Promise<void> {
    const text = fillTemplate(this.config.links.smsTemplate, { name: m.pointName, code: m.pointCode, link: m.link, conference: m.conference });
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (this.config.links.smsWebhookToken) headers.Authorization = `Bearer ${this.config.links.smsWebhookToken}`;
    let res: Response;
    try {
      res = await fetch(this.config.links.smsWebhookUrl!, {
        method: 'POST',
        headers,
        body: JSON.stringify({ to, text }),
        signal: AbortSignal.timeout(GATEWAY_TIMEOUT_MS),
      });
    } catch (e) {
      throw new DeliveryError(`The SMS gateway did not answer: ${(e as Error).message}`);
    }
    if (!res.ok) {
      const said = (await res.text().catch(() => '')).slice(0, 200);
      throw new DeliveryError(`The SMS gateway refused it (HTTP ${res.status})${said ? `: ${said}` : ''}`);
    }
  }

  onModuleDestroy() {
    this.mailer?.close();
  }
}
