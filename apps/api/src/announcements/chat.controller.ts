import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CHAT_MESSAGE_MAX_LENGTH, type ChatMessageDto, type ChatThreadDto, type ChatThreadSummaryDto, type Principal } from '@bridgepoint/contracts';
import { AllowPointOperator, ConferenceScoped, CurrentPrincipal, Roles } from '../auth/principal';
import { RequiredText } from '../common/decorators';
import { ChatService } from './chat.service';

const uuid = new ParseUUIDPipe({ version: '4' });

export class ChatMessageBody {
  @RequiredText(CHAT_MESSAGE_MAX_LENGTH, 'Điểm cầu chưa nghe được tiếng từ điểm cầu chính.')
  text!: string;
}

@ApiTags('announcements')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id')
export class ChatController {
  constructor(private readonly chat: ChatService) {}

  /** The control room's threads with the points: latest first, with how many of each point's messages are unread. */
  @Roles('organizer', 'moderator')
  @Get('threads')
  threads(@Param('id', uuid) id: string): Promise<ChatThreadSummaryDto[]> {
    return this.chat.threads(id);
  }

  /** The thread between the control room and this point (its operator: only its own), oldest first. */
  @Roles('organizer', 'moderator')
  @AllowPointOperator()
  @Get('points/:pointId/messages')
  thread(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<ChatThreadDto> {
    return this.chat.thread(id, pointId, p);
  }

  /** Writes to the thread: the point's operator to the control room, organizers and moderators to the point. */
  @Roles('organizer', 'moderator')
  @AllowPointOperator()
  @Post('points/:pointId/messages')
  post(
    @Param('id', uuid) id: string,
    @Param('pointId', uuid) pointId: string,
    @Body() body: ChatMessageBody,
    @CurrentPrincipal() p: Principal,
  ): Promise<ChatMessageDto> {
    return this.chat.post(id, pointId, body.text, p);
  }

  /** The asker's side (the point, or the control room) has read the thread: its unread count drops to 0. */
  @Roles('organizer', 'moderator')
  @AllowPointOperator()
  @Post('points/:pointId/messages/read')
  @HttpCode(200)
  read(@Param('id', uuid) id: string, @Param('pointId', uuid) pointId: string, @CurrentPrincipal() p: Principal): Promise<ChatThreadDto> {
    return this.chat.read(id, pointId, p);
  }
}
