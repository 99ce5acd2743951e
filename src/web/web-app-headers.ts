import type { Response } from 'express';

/**
 * The extranet's Content-Security-Policy: its own scripts, styles and API only, no
 * inline code, no plugins, never framed by another site. The built front has no inline
 * script or style (web/vite.config.ts), so nothing needs 'unsafe-inline'.
 */
export const EXTRANET_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** How long a browser keeps a file: hashed assets for a year, the page itself revalidated every time. */
export const ASSET_CACHE = 'public, max-age=31536000, immutable';
export const PAGE_CACHE = 'no-cache';

/** The headers of every answer under /app: the CSP, no type sniffing, no referrer to other sites. */
export function setExtranetHeaders(response: Response): void {
  response.setHeader('Content-Security-Policy', EXTRANET_CSP);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
}
