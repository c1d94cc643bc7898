import { Controller, Get, Param } from '@nestjs/common';
import type { Principal, SendLinksResult } from '@bridgepoint/contracts';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ExportResult, ImportResult, JobDto } from '@bridgepoint/contracts';
import { CurrentPrincipal, Roles } from '../auth/principal';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller('jobs')
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** A job of a conference is visible to its staff; a registry import (no conference) to every organizer. */
  @Roles('organizer')
  @Get(':jobId')
  get(@Param('jobId') jobId: string, @CurrentPrincipal() p: Principal): Promise<JobDto<ImportResult | ExportResult | SendLinksResult>> {
    return this.jobs.get(jobId.slice(0, 100), p);
  }
}
