import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { HealthReport, HealthService } from './health.service';

/** `GET /health`: 200 when Postgres and Temporal answer, 503 otherwise, same JSON either way. */
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  async get(@Res({ passthrough: true }) response: Response): Promise<HealthReport> {
    const report = await this.health.check();
    response.status(report.status === 'UP' ? 200 : 503);
    return report;
  }
}
