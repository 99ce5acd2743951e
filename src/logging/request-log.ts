import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Options } from 'pino-http';

/** The header a caller (or a proxy in front) names its request by; the response always carries it. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may look like: a UUID, a trace id, a short token; anything else is replaced. */
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

/**
 * The request's id: the caller's `x-request-id` when it is a plain token of at most 128
 * characters (so a forged header cannot break a log line or bloat it), a new UUID
 * otherwise. It is echoed in the response so the caller can quote it.
 */
export function requestIdFor(req: IncomingMessage, res: ServerResponse): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  const id = typeof incoming === 'string' && ACCEPTED_REQUEST_ID.test(incoming) ? incoming : randomUUID();
  res.setHeader(REQUEST_ID_HEADER, id);
  return id;
}

/** The path without its query string: the query may carry a token (document links, webhooks). */
function pathOf(url: string | undefined): string | undefined {
  return url?.split('?')[0];
}

/**
 * pino-http's options over the process's logger. Every line logged while serving a request
 * carries `requestId` (and `workspaceId` once the API key guard has identified the caller);
 * one `request completed` line per request adds the method, the path, the status and the
 * time taken, never headers (they hold the API key). Health probes log at debug, so a
 * load balancer's polling does not drown the log; server errors at error.
 */
export function httpLogOptions(logger: Logger): Options {
  return {
    logger,
    genReqId: requestIdFor,
    customAttributeKeys: { reqId: 'requestId' },
    // Lines logged during the request carry the id only; the request itself is on the last one.
    quietReqLogger: true,
    serializers: {
      req: (req: { method?: string; url?: string }) => ({ method: req.method, url: pathOf(req.url) }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
    customLogLevel: (req, res, error) => {
      const health = pathOf(req.url) === '/health';
      if (error || res.statusCode >= 500) return health ? 'warn' : 'error';
      return health ? 'debug' : 'info';
    },
  };
}
