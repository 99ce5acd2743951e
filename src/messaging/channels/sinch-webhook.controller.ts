import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { Public } from '../../auth/auth.decorators';
import { RelanceError } from '../../common/relance.error';
import { DEBT_TASKS_MIRROR, DebtTasksMirror } from '../outbox/debt-tasks-mirror.port';
import { OutboxService } from '../outbox/outbox.service';
import { ChannelSettingsService } from './channel-settings.service';

/** Sinch's per-recipient statuses that are final: delivered, or never will be. */
const DELIVERED = new Set(['Delivered']);
const NOT_DELIVERED = new Set(['Failed', 'Rejected', 'Expired', 'Aborted', 'Cancelled']);

interface SinchDeliveryReport {
  type?: string;
  batch_id?: string;
  recipient?: string;
  status?: string;
  code?: number;
  at?: string;
}

/**
 * `POST /webhooks/sinch/<workspace>/<token>`: Sinch's delivery reports
 * (`recipient_delivery_report_sms`) for SMS sent with `callback_url` (set `PUBLIC_URL`).
 * The token in the path is the workspace's secret, given to Sinch with each SMS; a wrong
 * one is a 401. Final statuses mark the message DELIVERED or FAILED (timeline and task);
 * intermediate ones (Queued, Dispatched) and repeats change nothing.
 */
@Public()
@Controller('webhooks/sinch')
export class SinchWebhookController {
  constructor(
    private readonly channels: ChannelSettingsService,
    private readonly outbox: OutboxService,
    @Inject(DEBT_TASKS_MIRROR) private readonly tasks: DebtTasksMirror,
  ) {}

  @Post(':workspaceId/:token')
  @HttpCode(200)
  async receive(
    @Param('workspaceId') workspaceId: string,
    @Param('token') token: string,
    @Body() report: SinchDeliveryReport,
  ): Promise<{ result: string }> {
    if (!/^[0-9a-f-]{36}$/i.test(workspaceId) || !(await this.channels.isSinchCallbackToken(workspaceId, token))) {
      throw new RelanceError('UNAUTHENTICATED', 'Unknown delivery-report address');
    }
    if (report.type !== 'recipient_delivery_report_sms' || !report.batch_id || !report.status) return { result: 'IGNORED' };
    const delivered = DELIVERED.has(report.status);
    if (!delivered && !NOT_DELIVERED.has(report.status)) return { result: 'IGNORED' };
    const message = await this.outbox.findSent(workspaceId, 'SINCH', report.batch_id);
    if (!message) return { result: 'IGNORED' };
    await this.outbox.recordDeliveryReport(workspaceId, message.id, {
      delivered,
      detail: `Sinch: ${report.status}${report.code !== undefined ? ` (code ${report.code})` : ''}`,
      at: report.at && !Number.isNaN(Date.parse(report.at)) ? new Date(report.at).toISOString() : new Date().toISOString(),
      actor: { kind: 'SYSTEM', id: 'sinch' },
    });
    if (!delivered) await this.tasks.mirrorTasks(workspaceId, message.debtId);
    return { result: 'APPLIED' };
  }
}
