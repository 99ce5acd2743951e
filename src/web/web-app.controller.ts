import { Controller, Get, Logger, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { parseCookies, SESSION_COOKIE } from '../auth/cookies';
import { LandlordSessionService } from '../auth/landlord-session.service';
import { RelanceError } from '../common/relance.error';
import { DebtService } from '../debt/debt.service';
import { webAppRouteOf } from './web-app-routes';
import { notBuiltPage } from './not-built-page';
import { ASSET_CACHE, PAGE_CACHE, setExtranetHeaders } from './web-app-headers';
import { WebAppFiles } from './web-app-files';

/**
 * `GET /app/…`: the landlord extranet. Its files are public (the data is behind the
 * API's session check, not the page); any route of the app answers index.html, with the
 * extranet's CSP on every answer. The page's status says what the page will show: 404 for
 * a path that is no route, and for a debt the signed-in landlord cannot see (asked through
 * the API's own scoped read); without a session the page sends to sign-in. 503 with a page
 * saying what to run when the front is not built.
 */
@Public()
@Controller('app')
export class WebAppController {
  private readonly logger = new Logger('WebAppController');

  constructor(
    private readonly files: WebAppFiles,
    private readonly sessions: LandlordSessionService,
    private readonly debts: DebtService,
  ) {}

  @Get()
  root(@Req() request: Request, @Res() response: Response): Promise<void> | void {
    // /app and /app/ are the same page; the router's basename wants the slash.
    if (!request.path.endsWith('/')) return response.redirect(308, '/app/');
    return this.serve(request, '', response);
  }

  @Get('*path')
  file(@Req() request: Request, @Res() response: Response): Promise<void> {
    let relative: string;
    try {
      relative = decodeURIComponent(request.path.slice('/app/'.length));
    } catch {
      relative = '';
    }
    return this.serve(request, relative, response);
  }

  private async serve(request: Request, relative: string, response: Response): Promise<void> {
    setExtranetHeaders(response);
    const found = this.files.find(relative);
    switch (found.kind) {
      case 'not-built':
        response.status(503).setHeader('Cache-Control', 'no-store');
        response.type('html').send(notBuiltPage());
        return;
      case 'missing-asset':
        response.status(404).setHeader('Cache-Control', 'no-store');
        response.type('text').send('Not found');
        return;
      case 'asset':
        response.setHeader('Cache-Control', found.hashed ? ASSET_CACHE : PAGE_CACHE);
        return response.sendFile(found.path, { cacheControl: false, dotfiles: 'deny' });
      case 'page':
        response.setHeader('Cache-Control', PAGE_CACHE);
        response.status(await this.pageStatus(request, relative));
        return response.sendFile(found.path, { cacheControl: false });
    }
  }

  /** 200, or 404 when the page will say "not found", or 503 when the database cannot say. */
  private async pageStatus(request: Request, relative: string): Promise<number> {
    const route = webAppRouteOf(relative);
    if (route.kind === 'unknown') return 404;
    if (route.kind === 'page') return 200;
    const secret = parseCookies(request.headers.cookie).get(SESSION_COOKIE);
    try {
      const actor = secret ? await this.sessions.authenticate(secret) : undefined;
      if (!actor) return 200;
      await this.debts.get(actor, route.debtId);
      return 200;
    } catch (error) {
      if (error instanceof RelanceError && error.code === 'NOT_FOUND') return 404;
      this.logger.warn({ err: error }, 'Could not check the debt of an extranet page');
      return 503;
    }
  }
}
