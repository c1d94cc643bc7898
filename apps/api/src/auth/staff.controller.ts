import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Principal, StaffMemberDto } from '@bridgepoint/contracts';
import { AddStaffDto } from './dto/auth.dto';
import { ConferenceScoped, CurrentPrincipal, Roles } from './principal';
import { StaffService } from './staff.service';

const uuid = new ParseUUIDPipe({ version: '4' });

/** A conference's staff, managed by its organizers (and admins). */
@ApiTags('conferences')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  @Roles('organizer')
  @Get()
  list(@Param('id', uuid) id: string): Promise<StaffMemberDto[]> {
    return this.staff.list(id);
  }

  @Roles('organizer')
  @Post()
  @HttpCode(200)
  add(@Param('id', uuid) id: string, @Body() body: AddStaffDto, @CurrentPrincipal() p: Principal): Promise<StaffMemberDto[]> {
    return this.staff.add(id, body.username, p.kind === 'user' ? p.userId : null);
  }

  @Roles('organizer')
  @Delete(':userId')
  @HttpCode(204)
  remove(@Param('id', uuid) id: string, @Param('userId', uuid) userId: string): Promise<void> {
    return this.staff.remove(id, userId);
  }
}
