import { simpleParser, ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on loopback (nodemailer's smtp-server): it speaks the protocol the
 * SMTP channel speaks to a provider. It refuses RCPT for addresses at `bounce.test`
 * with 550, as a receiving server does for an unknown mailbox, and can hold its answer
 * to DATA so a test can kill the sender between "accepted" and "recorded".
 */
export interface FakeSmtpServer {
  port: number;
  received: ParsedMail[];
  /** Resolves with the next message whose answer is held; call `release()` to answer it. */
  holdNext(): Promise<{ release: () => void }>;
  close(): Promise<void>;
}

export async function startFakeSmtpServer(): Promise<FakeSmtpServer> {
  const received: ParsedMail[] = [];
  let hold: ((release: () => void) => void) | undefined;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@bounce.test')) {
        const error = new Error(`5.1.1 <${address.address}>: Recipient address rejected: User unknown`) as Error & { responseCode: number };
        error.responseCode = 550;
        return callback(error);
      }
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          const held = hold;
          hold = undefined;
          if (held) held(() => callback());
          else callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = (server as unknown as { server: { address(): { port: number } } }).server.address();
  return {
    port: address.port,
    received,
    holdNext: () => new Promise((resolve) => (hold = (release) => resolve({ release }))),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
