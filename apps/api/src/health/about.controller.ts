import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { AboutResponse } from '@bridgepoint/contracts';
import { Public } from '../auth/principal';
import { APP_CONFIG, AppConfig } from '../config/app-config';

@ApiTags('health')
@Controller('about')
export class AboutController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Public()
  @Get()
  about(): AboutResponse {
    return { version: '0.1.0', publicUrl: this.config.publicUrl?.replace(/\/+$/, '') ?? null, cityName: this.config.cityName };
  }
}
