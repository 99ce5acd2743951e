import { randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Actor, actorRef } from '../auth/actor';
import { hashSecret } from '../auth/landlord-session-secret';
import type { ListedLandlordSession } from '../auth/landlord-session.entity';
import { LandlordSessionService, OpenedSession } from '../auth/landlord-session.service';
import { RelanceError } from '../common/relance.error';
import { LandlordService } from '../leases/landlord.service';
import { ChannelAdapter } from '../messaging/channels/channel-port';
import { ChannelSettingsService } from '../messaging/channels/channel-settings.service';
import { RELANCE_RUNTIME, RelanceRuntime, publicBaseUrl } from '../runtime/relance-runtime';
import { WorkspaceService } from '../workspace/workspace.service';
import { SlidingWindowLimit } from './sign-in-rate-limit';
import { SignInPurpose } from './sign-in-token.entity';
import { SignInTokenRepository } from './sign-in-token.repository';
import { emailAddressOf } from './email-address';

/** An invitation is valid a week; a link the landlord asked for, 30 minutes. */
export const INVITE_MINUTES = 7 * 24 * 60;
export const SIGN_IN_MINUTES = 30;
/** Links one landlord may be sent on request per quarter of an hour, whoever asks (invitations aside). */
export const LINKS_PER_ADDRESS = 3;
/** Requests one client address may make per quarter of an hour. */
export const REQUESTS_PER_CLIENT = 10;
const WINDOW_MINUTES = 15;
/** Landlords one address may reach across workspaces (an owner with several agencies). */
const MAX_LANDLORDS_PER_ADDRESS = 10;

export interface LandlordInvitation {
  landlordId: string;
  email: string;
  expiresAt: string;
}

/**
 * How landlords get into the extranet without a password: an agent invites a landlord,
 * or a landlord asks for a link by address; either way a single-use, expiring link is
 * e-mailed (its token stored hashed), and using it opens a session (src/auth). Asking for
 * a link never says whether the address is known: the answer is the same, sent before
 * anything is looked up.
 */
@Injectable()
export class LandlordAccessService {
  private readonly logger = new Logger(LandlordAccessService.name);
  private readonly perClient = new SlidingWindowLimit(REQUESTS_PER_CLIENT, WINDOW_MINUTES * 60_000);
  /** Requests' links go out one request at a time in this process, in order. */
  private sending: Promise<void> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly tokens: SignInTokenRepository,
    private readonly sessions: LandlordSessionService,
    private readonly landlords: LandlordService,
    private readonly workspaces: WorkspaceService,
    private readonly channels: ChannelSettingsService,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {}

  /**
   * E-mails a landlord of the caller's workspace an invitation to the extranet, to `email`
   * or the landlord's own address. The workspace needs a real e-mail channel (SMTP): an
   * invitation nobody receives is refused, and one the server does not take is UNAVAILABLE,
   * with no link left behind.
   */
  async invite(actor: Actor, landlordId: string, email?: string | null): Promise<LandlordInvitation> {
    const landlord = await this.landlordOf(actor, landlordId);
    const address = (email ?? landlord.email ?? '').trim();
    if (!address) {
      throw new RelanceError('BAD_USER_INPUT', 'The landlord has no e-mail address: give one in email', { field: 'email' });
    }
    emailAddressOf(address);
    const adapter = await this.channels.adapter(actor.workspaceId, 'EMAIL');
    if (adapter.provider === 'CAPTURE') {
      throw new RelanceError(
        'BAD_USER_INPUT',
        'This workspace sends no e-mail yet (its EMAIL channel records messages only): set an SMTP server with setChannelSetting first',
        { field: 'landlordId' },
      );
    }
    const name = landlordName(landlord);
    const agency = await this.workspaces.getWorkspaceName(actor.workspaceId);
    // The link is kept only if the e-mail server takes the message.
    return this.dataSource.transaction(async (manager) => {
      const { token, id, expiresAt } = await this.newLink(manager, actor.workspaceId, landlordId, 'INVITE', address, actorRef(actor));
      await this.sendLink(adapter, {
        workspaceId: actor.workspaceId,
        agency,
        tokenId: id,
        token,
        purpose: 'INVITE',
        email: address,
        name,
      }).catch((error: unknown) => {
        this.logger.warn({ err: error, landlordId }, 'The e-mail server did not take an invitation');
        throw new RelanceError('UNAVAILABLE', 'The e-mail server did not take the invitation: try again later', { cause: error });
      });
      return { landlordId, email: address, expiresAt };
    });
  }

  /**
   * A landlord asks for a sign-in link: `false` when the client has asked too often (and
   * the milliseconds to wait), `true` otherwise — whether or not the address is known. The
   * links go out after the answer, so its timing says nothing either.
   */
  requestLink(email: string, client: string): { accepted: true } | { accepted: false; retryAfterMs: number } {
    const wait = this.perClient.hit(client);
    if (wait > 0) return { accepted: false, retryAfterMs: wait };
    this.sending = this.sending
      .then(() => this.sendLinksTo(email))
      .catch((error: unknown) => this.logger.error({ err: error }, 'Could not send sign-in links'));
    return { accepted: true };
  }

  /** Uses a link: the session it opens, or undefined when the link is unknown, used or expired. */
  async useLink(token: string, userAgent?: string): Promise<OpenedSession | undefined> {
    if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return undefined;
    return this.dataSource.transaction(async (manager) => {
      const used = await this.tokens.use(manager, hashSecret(token));
      if (!used) return undefined;
      return this.sessions.open(manager, { workspaceId: used.workspaceId, landlordId: used.landlordId, signInTokenId: used.id, userAgent });
    });
  }

  /** A sign-in link made without sending it (the demo workspace's banner); valid like an invitation. */
  async demoLink(workspaceId: string, landlordId: string): Promise<string> {
    const { token } = await this.newLink(this.dataSource.manager, workspaceId, landlordId, 'INVITE', 'demo@relance.invalid', 'demo');
    return this.linkUrl(token);
  }

  /** Ends every session of one of the caller's landlords; how many were live. */
  async revokeSessions(actor: Actor, landlordId: string): Promise<number> {
    await this.landlordOf(actor, landlordId);
    return this.sessions.revokeAllOf(actor.workspaceId, landlordId);
  }

  /** The open sessions of one of the caller's landlords. */
  async sessionsOf(actor: Actor, landlordId: string): Promise<ListedLandlordSession[]> {
    await this.landlordOf(actor, landlordId);
    return this.sessions.liveOf(actor.workspaceId, landlordId);
  }

  /** One of the caller's landlords; NOT_FOUND on `landlordId` otherwise. */
  private landlordOf(actor: Actor, landlordId: string) {
    return this.landlords.get(actor, landlordId).catch((error: unknown) => {
      if (error instanceof RelanceError && error.code === 'NOT_FOUND') {
        throw new RelanceError('NOT_FOUND', `No landlord with id ${landlordId}`, { field: 'landlordId' });
      }
      throw error;
    });
  }

  signOut(actor: Actor): Promise<void> {
    if (!actor.sessionId) throw new RelanceError('BAD_USER_INPUT', 'Only an extranet session signs out; an API key is revoked instead');
    return this.sessions.signOut(actor.sessionId);
  }

  private async sendLinksTo(email: string): Promise<void> {
    const address = email.trim();
    for (const landlord of await this.landlords.withEmailInAnyWorkspace(address, MAX_LANDLORDS_PER_ADDRESS)) {
      const where = { workspaceId: landlord.workspaceId, landlordId: landlord.id };
      const adapter = await this.channels.adapter(landlord.workspaceId, 'EMAIL');
      if (adapter.provider === 'CAPTURE') {
        this.logger.warn(where, 'Sign-in link not sent: the workspace sends no e-mail');
        continue;
      }
      const token = randomBytes(32).toString('base64url');
      const link = await this.tokens.insertRequested(
        // Sent to the address on file, as it is written there.
        { ...where, email: landlord.email, tokenHash: hashSecret(token), minutes: SIGN_IN_MINUTES },
        { max: LINKS_PER_ADDRESS, windowMinutes: WINDOW_MINUTES },
      );
      if (!link) {
        this.logger.warn(where, 'Sign-in link not sent: too many asked for lately');
        continue;
      }
      await this.sendLink(adapter, {
        workspaceId: landlord.workspaceId,
        agency: await this.workspaces.getWorkspaceName(landlord.workspaceId),
        tokenId: link.id,
        token,
        purpose: 'SIGN_IN',
        email: landlord.email,
        name: landlord.name,
      });
    }
  }

  private async newLink(
    db: DataSource['manager'],
    workspaceId: string,
    landlordId: string,
    purpose: SignInPurpose,
    email: string,
    createdBy: string,
  ): Promise<{ token: string; id: string; expiresAt: string }> {
    const token = randomBytes(32).toString('base64url');
    const minutes = purpose === 'INVITE' ? INVITE_MINUTES : SIGN_IN_MINUTES;
    const row = await this.tokens.insert(db, { workspaceId, landlordId, purpose, email, tokenHash: hashSecret(token), createdBy, minutes });
    return { token, ...row };
  }

  private async sendLink(
    adapter: ChannelAdapter,
    link: { workspaceId: string; agency: string; tokenId: string; token: string; purpose: SignInPurpose; email: string; name: string },
  ): Promise<void> {
    const url = this.linkUrl(link.token);
    const message = signInMessage({ agency: link.agency, name: link.name, url, purpose: link.purpose });
    await adapter.send({
      idempotencyKey: `sign-in:${link.workspaceId}:${link.tokenId}`,
      channel: 'EMAIL',
      recipientName: link.name,
      recipientAddress: link.email,
      subject: message.subject,
      body: message.body,
    });
  }

  private linkUrl(token: string): string {
    return `${publicBaseUrl(this.runtime)}/auth/landlord/sign-in?token=${token}`;
  }
}

function landlordName(landlord: { companyName?: string | null; firstName?: string | null; lastName?: string | null }): string {
  return landlord.companyName || [landlord.firstName, landlord.lastName].filter(Boolean).join(' ') || 'Madame, Monsieur';
}

/** The e-mail carrying a link, French first then English. */
export function signInMessage(input: { agency: string; name: string; url: string; purpose: SignInPurpose }): {
  subject: string;
  body: string;
} {
  const invite = input.purpose === 'INVITE';
  const validity = invite ? { fr: '7 jours', en: '7 days' } : { fr: '30 minutes', en: '30 minutes' };
  const subject = invite
    ? `${input.agency} vous ouvre son extranet bailleurs / Your landlord extranet`
    : `Votre lien de connexion à l'extranet de ${input.agency} / Your sign-in link`;
  const body = [
    `Bonjour ${input.name},`,
    '',
    invite
      ? `${input.agency} vous invite à suivre sur son extranet le recouvrement de vos loyers : relances réalisées, solde et ancienneté de la dette, copies des courriers, décisions à prendre.`
      : `Voici le lien de connexion à l'extranet de ${input.agency} que vous avez demandé.`,
    `Ce lien personnel sert une seule fois et expire dans ${validity.fr} :`,
    input.url,
    '',
    "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : personne ne pourra se connecter sans ce lien.",
    '',
    '—',
    '',
    invite
      ? `${input.agency} invites you to follow the recovery of your rents on its extranet: reminders sent, balance and age of the debt, copies of letters, decisions to take.`
      : `Here is the sign-in link to ${input.agency}'s extranet you asked for.`,
    `This personal link works once and expires in ${validity.en}:`,
    input.url,
    '',
    'If you did not ask for it, ignore this message: nobody can sign in without this link.',
  ].join('\n');
  return { subject, body };
}
