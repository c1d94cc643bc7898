import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { DelegateDto, Page } from '@bridgepoint/contracts';
import { IsOptional, IsUUID } from 'class-validator';
import { Roles } from '../auth/principal';
import { PageQueryDto } from '../common/page.dto';
import { DelegatesService } from './delegates.service';

export class ListDelegatesQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  pointId?: string;
}

@ApiTags('delegates')
@ApiBearerAuth()
@Controller('delegates')
export class DelegatesController {
  constructor(private readonly delegates: DelegatesService) {}

  /** The city's register of delegates (personal data): organizers only. */
  @Roles('organizer')
  @Get()
  list(@Query() q: ListDelegatesQueryDto): Promise<Page<DelegateDto>> {
    return this.delegates.list(q);
  }
}
