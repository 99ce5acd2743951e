import { PinoLogger } from 'nestjs-pino';
import { LogContext } from './log-context';
import { createRelanceLogger } from './log-options';
import { httpLogOptions } from './request-log';

describe('LogContext', () => {
  const lines: string[] = [];
  const logger = createRelanceLogger({ level: 'info', format: 'json' }, { write: (line: string) => void lines.push(line) });
  const pino = new PinoLogger({ pinoHttp: httpLogOptions(logger) });
  const logContext = new LogContext(pino);
  beforeEach(() => (lines.length = 0));

  it("puts a unit of work's fields on each of its lines, across awaits, and not on the lines after it", async () => {
    await logContext.run({ workflowId: 'debt:w-1:d-1', debtId: 'd-1' }, async () => {
      pino.info('before');
      await new Promise((resolve) => setTimeout(resolve, 1));
      pino.info('after an await');
    });
    pino.info('outside');
    expect(lines.map((line) => JSON.parse(line))).toEqual([
      expect.objectContaining({ msg: 'before', workflowId: 'debt:w-1:d-1', debtId: 'd-1' }),
      expect.objectContaining({ msg: 'after an await', workflowId: 'debt:w-1:d-1', debtId: 'd-1' }),
      expect.not.objectContaining({ debtId: 'd-1' }),
    ]);
  });

  it('adds assigned fields once, however often the same caller is identified in a request', () => {
    logContext.run({ requestId: 'r-1' }, () => {
      logContext.assign({ workspaceId: 'w-1' });
      logContext.assign({ workspaceId: 'w-1' });
      pino.info('served');
    });
    expect(lines).toHaveLength(1);
    expect(lines[0].match(/"workspaceId"/g)).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({ requestId: 'r-1', workspaceId: 'w-1', msg: 'served' });
  });

  it('does nothing, and does not throw, when assigned to outside any request', () => {
    expect(() => logContext.assign({ workspaceId: 'w-1' })).not.toThrow();
    pino.info('at start-up');
    expect(JSON.parse(lines[0])).not.toHaveProperty('workspaceId');
  });
});
