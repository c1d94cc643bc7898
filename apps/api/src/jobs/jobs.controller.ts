import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ExportResult, ImportResult, JobDto } from '@bridgepoint/contracts';
import { Roles } from '../auth/principal';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  @Roles('organizer')
  @Get(':jobId')
  get(@Param('jobId') jobId: string): Promise<JobDto<ImportResult | ExportResult>> {
    return this.jobs.get(jobId.slice(0, 100));
  }
}
