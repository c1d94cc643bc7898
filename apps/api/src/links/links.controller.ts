import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import type { ExportLanguage, LinkChannel, OperatorLinksResponse, SendLinksAccepted } from '@bridgepoint/contracts';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import type { Request, Response } from 'express';
import { ConferenceScoped, Roles } from '../auth/principal';
import { toCsv } from '../exports/table-writers';
import { LinksService } from './links.service';

const uuid = new ParseUUIDPipe({ version: '4' });

export class SendLinksDto {
  @ApiProperty({ enum: ['email', 'sms'] })
  @IsIn(['email', 'sms'])
  channel!: LinkChannel;

  @ApiPropertyOptional({ type: [String], description: 'Only these points (default: every point with an address for the channel)' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20_000)
  @IsUUID('4', { each: true })
  pointIds?: string[];

  @ApiPropertyOptional({ description: 'Skip points whose link already went out on this channel' })
  @IsOptional()
  @IsBoolean()
  onlyUnsent?: boolean;
}

export class LinksCsvQueryDto {
  @ApiPropertyOptional({ enum: ['vi', 'en'], default: 'vi' })
  @IsOptional()
  @IsIn(['vi', 'en'])
  lang?: ExportLanguage;
}

/** The address this request came to, for links while PUBLIC_URL is unset (what the organizer's browser sees). */
function requestBase(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? 'localhost'}`;
}

@ApiTags('links')
@ApiBearerAuth()
@ConferenceScoped()
@Controller('conferences/:id/links')
export class LinksController {
  constructor(private readonly links: LinksService) {}

  /** Every point's join link on PUBLIC_URL, its operator's contacts, and what was sent by mail and SMS. */
  @Roles('organizer')
  @Get()
  list(@Param('id', uuid) id: string, @Req() req: Request): Promise<OperatorLinksResponse> {
    return this.links.list(id, requestBase(req));
  }

  /** The links as a CSV for a mail merge (cells that a spreadsheet would run as formulas are neutralised). */
  @Roles('organizer')
  @Get('export')
  async csv(
    @Param('id', uuid) id: string,
    @Query() q: LinksCsvQueryDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { points } = await this.links.list(id, requestBase(req));
    const content = toCsv(
      {
        title: { vi: 'Đường dẫn điểm cầu', en: 'Point links' },
        columns: [
          { key: 'code', vi: 'Mã điểm cầu', en: 'Code', width: 12 },
          { key: 'name', vi: 'Tên điểm cầu', en: 'Point', width: 30 },
          { key: 'district', vi: 'Quận/Huyện', en: 'District', width: 20 },
          { key: 'operatorName', vi: 'Người phụ trách', en: 'Operator', width: 24 },
          { key: 'operatorPhone', vi: 'Số điện thoại', en: 'Phone', width: 14 },
          { key: 'operatorEmail', vi: 'Email', en: 'Email', width: 28 },
          { key: 'link', vi: 'Đường dẫn', en: 'Link', width: 50 },
          { key: 'joinCode', vi: 'Mã tham gia', en: 'Join code', width: 16 },
        ],
        rows: points.map(({ code, name, district, operatorName, operatorPhone, operatorEmail, link, joinCode }) => ({
          code,
          name,
          district,
          operatorName,
          operatorPhone,
          operatorEmail,
          link,
          joinCode,
        })),
      },
      q.lang ?? 'vi',
    );
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${q.lang === 'en' ? 'point-links' : 'duong-dan-diem-cau'}.csv"`);
    return new StreamableFile(content);
  }

  /** Sends each chosen point's operator its link (mail or SMS gateway) as a job; each delivery's outcome is kept. */
  @Roles('organizer')
  @Post('send')
  @HttpCode(202)
  send(@Param('id', uuid) id: string, @Body() body: SendLinksDto): Promise<SendLinksAccepted> {
    return this.links.send(id, body);
  }
}
