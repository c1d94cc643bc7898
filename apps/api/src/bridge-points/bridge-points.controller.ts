import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { BridgePointDto, Page } from '@bridgepoint/contracts';
import { Roles } from '../auth/principal';
import { BridgePointsService } from './bridge-points.service';
import { UnitPageQueryDto } from '../common/page.dto';

@ApiTags('bridge-points')
@ApiBearerAuth()
@Controller('bridge-points')
export class BridgePointsController {
  constructor(private readonly points: BridgePointsService) {}

  /** The city's register of points, with operators' phones: organizers only. */
  @Roles('organizer')
  @Get()
  list(@Query() q: UnitPageQueryDto): Promise<Page<BridgePointDto>> {
    return this.points.list(q);
  }
}
