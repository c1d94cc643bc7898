import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { UnitDto } from '@bridgepoint/contracts';
import { Roles } from '../auth/principal';
import { UnitsService } from './units.service';

@ApiTags('units')
@ApiBearerAuth()
@Controller('units')
export class UnitsController {
  constructor(private readonly units: UnitsService) {}

  @Roles('organizer', 'moderator', 'presenter')
  @Get()
  list(): Promise<UnitDto[]> {
    return this.units.list();
  }
}
