import { FakeMailevaServer, startFakeMailevaServer } from '../../../test/support/fake-maileva-server';
import { OutboundEnvelope, PermanentDeliveryError } from './channel-port';
import { MailevaRegisteredMailChannel } from './maileva-registered-mail.channel';

/** The Maileva adapter against a loopback server implementing Maileva's documented registered-mail API. */
describe('Maileva registered letters', () => {
  let maileva: FakeMailevaServer;
  let channel: MailevaRegisteredMailChannel;
  beforeAll(async () => {
    maileva = await startFakeMailevaServer();
    channel = new MailevaRegisteredMailChannel({
      apiUrl: maileva.apiUrl,
      authUrl: maileva.authUrl,
      ...maileva.credentials,
      notificationEmail: 'preuves@agence.test',
      senderName: 'Rhône Gestion SAS',
      senderStreet: '4 place Bellecour',
      senderPostalCity: '69002 Lyon',
    });
  });
  afterAll(() => maileva.close());

  const envelope = (key: string, recipientAddress = 'Appartement 3B\n12 rue Victor Hugo\n69002 Lyon'): OutboundEnvelope => ({
    idempotencyKey: key,
    channel: 'REGISTERED_LETTER',
    recipientName: 'Jean Martin',
    recipientAddress,
    subject: 'Mise en demeure de payer — bail BAIL-1',
    body: 'Madame, Monsieur…',
    attachment: { fileName: 'formal-notice.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test letter') },
  });

  it('creates the sending with its PDF and recipient, submits it, and keeps its id first', async () => {
    const refs: string[] = [];
    const sent = await channel.send(envelope('debt:w:d:notice:REGISTERED_LETTER:1'), async (ref) => void refs.push(ref));
    const [sending] = maileva.sendings;
    expect(sending).toMatchObject({
      status: 'PENDING',
      name: 'Mise en demeure de payer — bail BAIL-1',
      notification_email: 'preuves@agence.test',
      acknowledgement_of_receipt: true,
    });
    expect(sending.custom_id).toMatch(/^rl-[0-9a-f]{32}$/);
    expect(sending.documents.map((d) => [d.name, d.bytes.toString()])).toEqual([['formal-notice.pdf', '%PDF-1.7 test letter']]);
    expect(sending.recipients).toEqual([
      expect.objectContaining({
        address_line_2: 'Jean Martin',
        address_line_3: 'Appartement 3B',
        address_line_4: '12 rue Victor Hugo',
        address_line_6: '69002 Lyon',
        country_code: 'FR',
      }),
    ]);
    expect(refs).toEqual([sending.id]);
    expect(sent.providerMessageId).toBe(`${sending.id}/${sending.recipients[0].id}`);
  });

  it('finishes a send cut off after the sending was created, without a second letter', async () => {
    const key = 'debt:w:d2:notice:REGISTERED_LETTER:1';
    let saved: string | undefined;
    const died = channel.send(envelope(key), async (ref) => {
      saved = ref;
      throw new Error('worker killed');
    });
    await expect(died).rejects.toThrow('worker killed');
    const before = maileva.sendings.length;
    const resumed = await channel.resume(envelope(key), saved!);
    expect(maileva.sendings).toHaveLength(before);
    const sending = maileva.sendings.find((s) => s.id === saved)!;
    expect(sending.status).toBe('PENDING');
    expect(sending.documents).toHaveLength(1);
    expect(resumed.providerMessageId).toBe(`${sending.id}/${sending.recipients[0].id}`);
    // Resuming a submitted sending changes nothing and gives the same ids.
    expect(await channel.resume(envelope(key), saved!)).toEqual(resumed);
    expect(sending.recipients).toHaveLength(1);
  });

  it('refuses an address La Poste cannot take before creating anything', async () => {
    const before = maileva.sendings.length;
    await expect(channel.send(envelope('k3', '12 rue Victor Hugo\nLyon'))).rejects.toThrow(PermanentDeliveryError);
    await expect(
      channel.send(envelope('k4', 'Résidence des Grands Platanes, bâtiment C, escalier 4\n12 rue Victor Hugo\n69002 Lyon')),
    ).rejects.toThrow(/address_line_3 is longer than La Poste's 38 characters/);
    expect(maileva.sendings).toHaveLength(before);
  });

  it('tracks the registered number, then delivery or return', async () => {
    const delivered = await channel.send(envelope('k5'));
    expect(await channel.track(delivered.providerMessageId)).toEqual({});
    maileva.deliver(delivered.providerMessageId.split('/')[0], 'N01', '1A00012345678');
    expect(await channel.track(delivered.providerMessageId)).toEqual({
      trackingNumber: '1A00012345678',
      outcome: { delivered: true, detail: 'La Poste N01', at: expect.any(String) },
    });
    const returned = await channel.send(envelope('k6'));
    maileva.deliver(returned.providerMessageId.split('/')[0], 'N03', '1A00012345679');
    expect((await channel.track(returned.providerMessageId)).outcome).toEqual({
      delivered: false,
      detail: 'La Poste N03: returned to the sender',
      at: expect.any(String),
    });
  });
});
