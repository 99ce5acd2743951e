import { Controller, Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { notBuiltPage } from './not-built-page';
import { ASSET_CACHE, PAGE_CACHE, setExtranetHeaders } from './web-app-headers';
import { WebAppFiles } from './web-app-files';

/**
 * `GET /app/…`: the landlord extranet. Its files are public (the data is behind the
 * API's session check, not the page); any route of the app answers index.html, with the
 * extranet's CSP on every answer. 503 with a page saying what to run when the front is
 * not built.
 */
@Public()
@Controller('app')
export class WebAppController {
  constructor(private readonly files: WebAppFiles) {}

  @Get()
  root(@Req() request: Request, @Res() response: Response): void {
    // /app and /app/ are the same page; the router's basename wants the slash.
    if (!request.path.endsWith('/')) return response.redirect(308, '/app/');
    this.serve('', response);
  }

  @Get('*path')
  file(@Req() request: Request, @Res() response: Response): void {
    let relative: string;
    try {
      relative = decodeURIComponent(request.path.slice('/app/'.length));
    } catch {
      relative = '';
    }
    this.serve(relative, response);
  }

  private serve(relative: string, response: Response): void {
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
        return response.sendFile(found.path, { cacheControl: false });
    }
  }
}
