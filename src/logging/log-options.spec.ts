import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import { createRelanceLogger, logSettings } from './log-options';
import { httpLogOptions, requestIdFor } from './request-log';

/** A destination that keeps every line written to it. */
function capture(): DestinationStream & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line: string) => void lines.push(line) };
}

describe('logSettings', () => {
  const unset = { logLevel: 'info', logFormat: undefined } as const;

  it('logs at info in the format the mode defaults to when nothing is set', () => {
    expect(logSettings(unset, 'pretty')).toEqual({ level: 'info', format: 'pretty' });
    expect(logSettings(unset, 'json')).toEqual({ level: 'info', format: 'json' });
  });

  it('takes LOG_LEVEL and LOG_FORMAT over the defaults', () => {
    expect(logSettings({ logLevel: 'debug', logFormat: 'json' }, 'pretty')).toEqual({ level: 'debug', format: 'json' });
    expect(logSettings({ logLevel: 'warn', logFormat: 'pretty' }, 'json')).toEqual({ level: 'warn', format: 'pretty' });
  });

  it("lets an in-process caller's Nest levels override LOG_LEVEL with the most verbose of them", () => {
    expect(logSettings(unset, 'json', ['error']).level).toBe('error');
    expect(logSettings(unset, 'json', ['error', 'log', 'warn']).level).toBe('info');
    expect(logSettings(unset, 'json', ['fatal', 'verbose']).level).toBe('trace');
    expect(logSettings(unset, 'json', []).level).toBe('silent');
  });
});

describe('createRelanceLogger', () => {
  it('writes one JSON object a line in the json format: level by name, ISO time, the fields beside the message', () => {
    const out = capture();
    const logger = createRelanceLogger({ level: 'info', format: 'json' }, out);
    logger.info({ debtId: 'd-1', workflowId: 'debt:w-1:d-1' }, 'Step sent');
    logger.error({ err: new Error('provider down') }, 'Step failed');
    const [sent, failed] = out.lines.map((line) => JSON.parse(line));
    expect(out.lines.every((line) => line.endsWith('\n') && !line.slice(0, -1).includes('\n'))).toBe(true);
    expect(sent).toMatchObject({ level: 'info', msg: 'Step sent', debtId: 'd-1', workflowId: 'debt:w-1:d-1', pid: process.pid });
    expect(new Date(sent.time).toISOString()).toBe(sent.time);
    expect(failed).toMatchObject({ level: 'error', msg: 'Step failed', err: { type: 'Error', message: 'provider down' } });
    expect(failed.err.stack).toContain('provider down');
  });

  it('writes what LOG_LEVEL lets through, and nothing at silent', () => {
    const atInfo = capture();
    const info = createRelanceLogger({ level: 'info', format: 'json' }, atInfo);
    info.debug('hidden');
    info.info('shown');
    expect(atInfo.lines.map((line) => JSON.parse(line).msg)).toEqual(['shown']);

    const atDebug = capture();
    createRelanceLogger({ level: 'debug', format: 'json' }, atDebug).debug('shown');
    expect(atDebug.lines).toHaveLength(1);

    const atSilent = capture();
    createRelanceLogger({ level: 'silent', format: 'json' }, atSilent).fatal('hidden');
    expect(atSilent.lines).toEqual([]);
  });

  it('writes one readable line a record in the pretty format: time, level, [context] message, then the fields', () => {
    const out = capture();
    const logger = createRelanceLogger({ level: 'info', format: 'pretty' }, out);
    logger.info({ context: 'TemporalWorker', taskQueue: 'relance' }, 'Polling the task queue');
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \[TemporalWorker\] Polling the task queue \{"taskQueue":"relance"\}\n$/);
    expect(() => JSON.parse(out.lines[0])).toThrow();
  });
});

describe('request ids', () => {
  function exchange(headers: Record<string, string>): { req: IncomingMessage; res: ServerResponse; sent: Record<string, unknown> } {
    const sent: Record<string, unknown> = {};
    const res = { setHeader: (name: string, value: unknown) => (sent[name] = value) } as unknown as ServerResponse;
    return { req: { headers } as IncomingMessage, res, sent };
  }

  it("keeps the caller's x-request-id and echoes it in the response", () => {
    const { req, res, sent } = exchange({ 'x-request-id': 'b7f3c1d2-0a9e-4e5b-8c6d-1f2a3b4c5d6e' });
    expect(requestIdFor(req, res)).toBe('b7f3c1d2-0a9e-4e5b-8c6d-1f2a3b4c5d6e');
    expect(sent['x-request-id']).toBe('b7f3c1d2-0a9e-4e5b-8c6d-1f2a3b4c5d6e');
  });

  it.each([
    ['none', undefined],
    ['one with a line break', 'abc\n{"level":"fatal"}'],
    ['one with spaces', 'my request'],
    ['one of 129 characters', 'x'.repeat(129)],
  ])('makes up a UUID, and echoes it, when the caller sends %s', (_what, incoming) => {
    const { req, res, sent } = exchange(incoming === undefined ? {} : { 'x-request-id': incoming });
    const id = requestIdFor(req, res);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(sent['x-request-id']).toBe(id);
  });

  it('logs a request by method and path only, never its headers or query, health probes at debug and failures at error', () => {
    const options = httpLogOptions(createRelanceLogger({ level: 'info', format: 'json' }, capture()));
    const serializers = options.serializers as Record<string, (value: unknown) => unknown>;
    expect(serializers.req({ method: 'GET', url: '/documents/d-1?token=secret', headers: { authorization: 'Bearer rlk_x' } })).toEqual({
      method: 'GET',
      url: '/documents/d-1',
    });
    expect(serializers.res({ statusCode: 200, headers: { 'set-cookie': 'x' } })).toEqual({ statusCode: 200 });
    const level = (url: string, statusCode: number) =>
      options.customLogLevel!({ url } as IncomingMessage, { statusCode } as ServerResponse, undefined);
    expect(level('/graphql', 200)).toBe('info');
    expect(level('/graphql', 400)).toBe('info');
    expect(level('/graphql', 500)).toBe('error');
    expect(level('/health', 200)).toBe('debug');
    expect(level('/health?full=1', 503)).toBe('warn');
  });
});
