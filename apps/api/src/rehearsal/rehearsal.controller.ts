import { Body, Controller, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PointRehearsalDto, Principal } from '@bridgepoint/contracts';
import { assertMayActForPoint } from '../attendance/attendance.service';
import { AllowPointOperator, ConferenceScoped, CurrentPrincipal, Roles } from '../auth/principal';
import { RehearsalReportDto } from './dto/rehearsal.dto';
import { RehearsalService } from './rehearsal.service';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('rehearsal')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class RehearsalController {
  constructor(private readonly rehearsal: RehearsalService) {}

  /**
   * During a rehearsal: the point says whether the test broadcast's picture and sound arrived (answering again
   * replaces its answer). Its operator, or an organizer who heard it on the phone.
   */
  @Roles('organizer')
  @AllowPointOperator()
  @Put('points/:pointId/rehearsal')
  report(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Body() body: RehearsalReportDto,
    @CurrentPrincipal() p: Principal,
  ): Promise<PointRehearsalDto> {
    assertMayActForPoint(p, id, pointId);
    return this.rehearsal.report(id, pointId, body);
  }
}
