import { Body, Controller, Get, HttpCode, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Actor } from '../auth/actor';
import { CurrentActor, Public, RequireRoles } from '../auth/auth.decorators';
import { CSRF_COOKIE, SESSION_COOKIE, setCookie } from '../auth/cookies';
import { OpenedSession, SESSION_DAYS } from '../auth/landlord-session.service';
import { RelanceError } from '../common/relance.error';
import { RELANCE_RUNTIME, RelanceRuntime } from '../runtime/relance-runtime';
import { LandlordAccessService } from './landlord-access.service';
import { emailAddressOf } from './email-address';
import { signInPage } from './sign-in-page';

/** Where the extranet lives, and where a refused link lands. */
export const EXTRANET_PATH = '/app/';
export const INVALID_LINK_PATH = '/app/sign-in?error=invalid-link';

/**
 * The extranet's sign-in over plain HTTP (the web front and e-mail links call it):
 *
 * - `POST /auth/landlord/sign-in-link` `{ "email" }` → 202 whatever the address (429 with
 *   Retry-After when this client asks too often);
 * - `GET /auth/landlord/sign-in?token=` → a page with one button that posts the token: a
 *   mail scanner following the link does not use it up;
 * - `POST /auth/landlord/sign-in` (the page's form) → the session cookies and 303 to `/app/`,
 *   or 303 to the sign-in page saying the link is used or expired;
 * - `POST /auth/sign-out` (signed in, with the CSRF header) → 204, the session ended.
 */
@Controller('auth')
export class LandlordSignInController {
  constructor(
    private readonly access: LandlordAccessService,
    @Inject(RELANCE_RUNTIME) private readonly runtime: RelanceRuntime,
  ) {}

  @Public()
  @Post('landlord/sign-in-link')
  @HttpCode(202)
  requestLink(@Body() body: unknown, @Req() request: Request, @Res({ passthrough: true }) response: Response): { sent: true } {
    const email = emailAddressOf((body as { email?: unknown } | undefined)?.email);
    const answer = this.access.requestLink(email, request.ip ?? request.socket.remoteAddress ?? 'unknown');
    if (!answer.accepted) {
      response.setHeader('Retry-After', String(Math.ceil(answer.retryAfterMs / 1000)));
      throw new RelanceError('RATE_LIMITED', 'Too many sign-in requests from this address: try again later');
    }
    return { sent: true };
  }

  @Public()
  @Get('landlord/sign-in')
  confirmPage(@Query('token') token: string | undefined, @Res() response: Response): void {
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    // The token is in the address: no other site may see it, nothing may keep it. Not
    // `no-referrer`: under it browsers post the form with `Origin: null`, which the
    // same-origin check below must refuse.
    response.setHeader('Referrer-Policy', 'same-origin');
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    );
    response.setHeader('X-Content-Type-Options', 'nosniff');
    response.end(signInPage(typeof token === 'string' ? token : ''));
  }

  @Public()
  @Post('landlord/sign-in')
  async signIn(@Body() body: unknown, @Req() request: Request, @Res() response: Response): Promise<void> {
    response.setHeader('Cache-Control', 'no-store');
    response.setHeader('Referrer-Policy', 'no-referrer');
    const token = (body as { token?: unknown } | undefined)?.token;
    // A form another site posts would sign the visitor in to someone else's session: same origin only.
    const origin = request.headers.origin;
    const sameOrigin = origin === undefined || (origin !== 'null' && isOwnOrigin(origin, request, this.runtime));
    const session = sameOrigin && typeof token === 'string' ? await this.access.useLink(token, request.headers['user-agent']) : undefined;
    if (!session) {
      response.redirect(303, INVALID_LINK_PATH);
      return;
    }
    this.setSessionCookies(response, session);
    response.redirect(303, EXTRANET_PATH);
  }

  @RequireRoles('LANDLORD')
  @Post('sign-out')
  @HttpCode(204)
  async signOut(@CurrentActor() actor: Actor, @Res({ passthrough: true }) response: Response): Promise<void> {
    await this.access.signOut(actor);
    const secure = this.secure();
    response.append('Set-Cookie', setCookie(SESSION_COOKIE, '', { httpOnly: true, secure, maxAge: 0 }));
    response.append('Set-Cookie', setCookie(CSRF_COOKIE, '', { httpOnly: false, secure, maxAge: 0 }));
  }

  private setSessionCookies(response: Response, session: OpenedSession): void {
    const secure = this.secure();
    const maxAge = SESSION_DAYS * 86_400;
    response.append('Set-Cookie', setCookie(SESSION_COOKIE, session.secret, { httpOnly: true, secure, maxAge }));
    // Read by the extranet's scripts and echoed in x-relance-csrf.
    response.append('Set-Cookie', setCookie(CSRF_COOKIE, session.csrfToken, { httpOnly: false, secure, maxAge }));
  }

  /** Cookies go over HTTPS only when the public address is https (behind a TLS proxy). */
  private secure(): boolean {
    return this.runtime.config.publicUrl?.startsWith('https:') ?? false;
  }
}

/** Whether a request's Origin is Relance's own: its public address, or the host it was sent to. */
function isOwnOrigin(origin: string, request: Request, runtime: RelanceRuntime): boolean {
  const own = [
    runtime.config.publicUrl,
    runtime.httpUrl,
    request.headers.host ? `${request.protocol}://${request.headers.host}` : undefined,
  ];
  return own.some((url) => {
    if (!url) return false;
    try {
      return new URL(url).origin === origin;
    } catch {
      return false;
    }
  });
}
