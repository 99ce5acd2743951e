import { FakeSinchServer, startFakeSinchServer } from '../../../test/support/fake-sinch-server';
import { OutboundEnvelope, PermanentDeliveryError } from './channel-port';
import { SinchSmsChannel, toE164 } from './sinch-sms.channel';

/** The Sinch adapter against a loopback server implementing the SMS REST API's batches endpoints. */
describe('Sinch SMS', () => {
  let sinch: FakeSinchServer;
  let channel: SinchSmsChannel;
  beforeAll(async () => {
    sinch = await startFakeSinchServer();
    channel = new SinchSmsChannel(
      { baseUrl: sinch.baseUrl, servicePlanId: sinch.servicePlanId, apiToken: sinch.apiToken, sender: 'AgenceRG' },
      'https://relance.test/webhooks/sinch/w/t',
    );
  });
  afterAll(() => sinch.close());

  const sms = (key: string, to: string): OutboundEnvelope => ({
    idempotencyKey: key,
    channel: 'SMS',
    recipientName: 'Léa Petit',
    recipientAddress: to,
    subject: null,
    body: 'Bonjour Léa',
  });

  it.each([
    ['06 12 34 56 78', '+33612345678'],
    ['+33612345678', '+33612345678'],
    ['0033 6 12 34 56 78', '+33612345678'],
    ['12', undefined],
    ['06 12', undefined],
  ])('reads %j as %j', (phone, e164) => expect(toE164(phone)).toBe(e164));

  it('sends a batch with our key as client_reference and a delivery-report callback, and finds it again by that key', async () => {
    const sent = await channel.send(sms('debt:w:d:d3-sms:SMS:1', '06 12 34 56 78'));
    expect(sinch.batches.at(-1)).toMatchObject({
      id: sent.providerMessageId,
      to: ['+33612345678'],
      from: 'AgenceRG',
      body: 'Bonjour Léa',
      client_reference: 'debt:w:d:d3-sms:SMS:1',
      delivery_report: 'per_recipient',
      callback_url: 'https://relance.test/webhooks/sinch/w/t',
    });
    expect(await channel.find(sms('debt:w:d:d3-sms:SMS:1', '06 12 34 56 78'))).toEqual(sent);
    expect(await channel.find(sms('never-sent', '06 12 34 56 78'))).toBeUndefined();
  });

  it('refuses an invalid number for good, locally or when the provider says so', async () => {
    const before = sinch.batches.length;
    await expect(channel.send(sms('k2', '12'))).rejects.toThrow(PermanentDeliveryError);
    await expect(channel.send(sms('k3', '+999123456789'))).rejects.toThrow(/Sinch refused the message: .*syntax_invalid_parameter_format/);
    expect(sinch.batches).toHaveLength(before);
  });

  it('treats a refused token as a failure to retry, not a bounce', async () => {
    const wrong = new SinchSmsChannel({
      baseUrl: sinch.baseUrl,
      servicePlanId: sinch.servicePlanId,
      apiToken: 'wrong',
      sender: 'AgenceRG',
    });
    const error = await wrong.send(sms('k4', '0612345678')).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect((error as Error).message).toMatch(/^Sinch answered 401/);
  });
});
