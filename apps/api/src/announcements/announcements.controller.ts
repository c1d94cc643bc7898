import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { ANNOUNCEMENT_MAX_LENGTH, type AnnouncementDto, type Principal } from '@bridgepoint/contracts';
import { IsOptional, IsUUID } from 'class-validator';
import { AllowPointOperator, ConferenceScoped, CurrentPrincipal, NoUsers, Roles } from '../auth/principal';
import { RequiredText } from '../common/decorators';
import { DomainError } from '../common/domain-error';
import { AnnouncementsService } from './announcements.service';

const uuid = new ParseUUIDPipe({ version: '4' });

export class CreateAnnouncementDto {
  @RequiredText(ANNOUNCEMENT_MAX_LENGTH, 'Các điểm cầu kiểm tra micro trước 8 giờ 15.')
  text!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Only the points of this district; left out: every point' })
  @IsOptional()
  @IsUUID('4')
  districtId?: string | null;
}

@ApiTags('announcements')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/announcements')
export class AnnouncementsController {
  constructor(private readonly announcements: AnnouncementsService) {}

  /** Sends a notice to every point of the conference, or to the points of one district. */
  @Roles('organizer')
  @Post()
  create(@Param('id', uuid) id: string, @Body() body: CreateAnnouncementDto, @CurrentPrincipal() p: Principal): Promise<AnnouncementDto> {
    return this.announcements.create(id, body.text, body.districtId ?? null, p);
  }

  /** The conference's notices, newest first, with how many addressed points acknowledged each; an operator sees those addressed to its point. */
  @Roles('organizer', 'moderator')
  @AllowPointOperator()
  @Get()
  list(@Param('id', uuid) id: string, @CurrentPrincipal() p: Principal): Promise<AnnouncementDto[]> {
    return this.announcements.list(id, p);
  }

  /** The point's operator acknowledges a notice addressed to its point; acknowledging again changes nothing. */
  @NoUsers()
  @AllowPointOperator()
  @Post(':aid/ack')
  @HttpCode(200)
  acknowledge(@Param('id', uuid) id: string, @Param('aid', uuid) aid: string, @CurrentPrincipal() p: Principal): Promise<AnnouncementDto> {
    if (p.kind !== 'point') throw DomainError.forbidden('Only a point operator can acknowledge a notice.');
    return this.announcements.acknowledge(id, aid, p.pointId);
  }
}
