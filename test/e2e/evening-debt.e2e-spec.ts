import { TestWorkflowEnvironment } from '@temporalio/testing';
import { addDays } from '../../src/domain/calendar-date';
import { nextContactTime, parisParts, parisTime } from '../../src/domain/french-calendar';
import { eventually } from '../support/eventually';
import { addTenant, createLeaseInArrears } from '../support/lease-fixture';
import { installQuietTemporalRuntime } from '../support/quiet-temporal-runtime';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { sleepUntil, startTimeSkippingServer } from '../support/time-skipping';
import {
  DebtMessageChannelsDocument,
  DebtMessageChannelsQuery,
  DebtNextActionDocument,
  RunArrearsDetectionByLeaseDocument,
  UpdateLeaseDocument,
} from './graphql/generated';

/**
 * A debt opened at 21:00 Paris, through GraphQL only, on the time-skipping server: its D+3
 * e-mail, due already, goes at once; its SMS waits for 9:00 on the next contact day. The
 * evening is taken from the server's clock, so the case happens whatever the day.
 */
describe('a debt opened in the evening (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  let relance: TestRelance;

  beforeAll(async () => {
    installQuietTemporalRuntime();
    env = await startTimeSkippingServer();
    relance = await startTestRelance('all-in-one', { TEMPORAL_ADDRESS: env.address, ARREARS_DETECTION_SCHEDULE: 'off' });
  });
  afterAll(async () => {
    await relance?.stop();
    await env?.teardown();
  });

  type Message = DebtMessageChannelsQuery['outboundMessages']['edges'][number]['node'];
  const messagesOf = async (debtId: string): Promise<Message[]> =>
    (await relance.ok(DebtMessageChannelsDocument, { id: debtId })).outboundMessages.edges.map((e) => e.node);

  it('sends the D+3 e-mail due at 21:00 at once while its SMS waits for 9:00', async () => {
    const now = new Date(await env.currentTimeMs());
    let day = parisParts(now).date;
    if (parisTime(day, 21) <= now) day = addDays(day, 1);
    const evening = parisTime(day, 21);
    // Rent unpaid 6 days by Relance's today: detection opens the debt, its D+3 steps are due, a few days late at most.
    const { leaseId } = await createLeaseInArrears(relance, { reference: 'SOIR-1', dueDaysAgo: 6 });
    await addTenant(relance, leaseId, { email: 'soir-1@example.test', consentEmail: true, phone: '+33612345678', consentSms: true });
    await relance.ok(UpdateLeaseDocument, { id: leaseId, d: { scenarioOverride: 'standard' } });
    await sleepUntil(env, evening);
    const { runArrearsDetection } = await relance.ok(RunArrearsDetectionByLeaseDocument);
    const debtId = runArrearsDetection.find((d) => d.leaseId === leaseId)!.id;

    const sent = await eventually(
      () => messagesOf(debtId),
      (m) => m.some((x) => x.channel === 'EMAIL' && x.status === 'SENT'),
      'the e-mail at 21:00',
    );
    const email = sent.find((m) => m.channel === 'EMAIL')!;
    expect(Date.parse(email.queuedAt)).toBeGreaterThanOrEqual(evening.getTime());
    expect(Date.parse(email.queuedAt) - evening.getTime()).toBeLessThan(5 * 60_000);
    expect(sent.filter((m) => m.channel === 'SMS')).toEqual([]);
    // The next action is a column of the debt row, which the workflow publishes once it has
    // planned again after the e-mail: read it once it no longer names the e-mail just sent.
    const { debt } = await eventually(
      () => relance.ok(DebtNextActionDocument, { id: debtId }),
      (read) => read.debt.nextAction?.kind !== 'EMAIL',
      'the next action after the e-mail',
    );
    const nine = nextContactTime(evening);
    expect(debt.nextAction).toEqual({ kind: 'SMS', at: nine.toISOString() });
    expect(parisParts(nine).hour).toBe(9);

    await sleepUntil(env, new Date(nine.getTime() + 60_000));
    const [sms] = (
      await eventually(
        () => messagesOf(debtId),
        (m) => m.some((x) => x.channel === 'SMS'),
        'the SMS at 9:00',
      )
    ).filter((m) => m.channel === 'SMS');
    expect(Math.abs(Date.parse(sms.queuedAt) - nine.getTime())).toBeLessThan(5_000);
  });
});
