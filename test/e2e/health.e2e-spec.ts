import { freePort } from '../support/free-port';
import { startTestRelance, TestRelance } from '../support/test-relance';
import { HealthReportDocument } from './graphql/generated';

describe('health', () => {
  describe('with Postgres and Temporal up', () => {
    let relance: TestRelance;
    beforeAll(async () => {
      relance = await startTestRelance('all-in-one');
    });
    afterAll(async () => {
      await relance?.stop();
    });

    it('reports both dependencies and the worker up through GraphQL', async () => {
      const response = await relance.graphql(HealthReportDocument);
      expect(response.errors).toBeUndefined();
      expect(response.data?.health).toMatchObject({
        status: 'UP',
        worker: 'RUNNING',
        database: { status: 'UP', target: expect.stringContaining(relance.database.name), error: null },
        temporal: { status: 'UP', target: `${relance.running.temporalAddress}/default`, error: null },
      });
    });

    it('answers 200 with the same report on GET /health', async () => {
      const response = await fetch(`${relance.running.httpUrl}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'UP', database: { status: 'UP' }, temporal: { status: 'UP' } });
    });
  });

  describe('with Temporal unreachable', () => {
    let relance: TestRelance;
    beforeAll(async () => {
      // api mode runs no worker, so the app starts although nothing listens on that port.
      relance = await startTestRelance('api', { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    });
    afterAll(async () => {
      await relance?.stop();
    });

    it('reports Temporal down with the reason, the database up, and HTTP 503', async () => {
      const response = await fetch(`${relance.running.httpUrl}/health`);
      expect(response.status).toBe(503);
      const report = (await response.json()) as { temporal: { error?: string }; worker?: string };
      expect(report).toMatchObject({ status: 'DOWN', database: { status: 'UP' }, temporal: { status: 'DOWN' } });
      expect(report.temporal.error).toEqual(expect.any(String));
      expect(report.worker).toBeUndefined();
    });
  });
});
