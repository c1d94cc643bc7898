import { Inject, Injectable } from '@nestjs/common';
import type { PointRehearsalDto } from '@bridgepoint/contracts';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MESSAGE_BUS, type MessageBus } from '../coordination/message-bus';
import { Relay } from '../coordination/relay';

/** Rehearsal answers, from the process that stored them to every process watching the control room. */
@Injectable()
export class RehearsalRelay extends Relay<PointRehearsalDto> {
  constructor(@Inject(MESSAGE_BUS) bus: MessageBus, @Inject(APP_CONFIG) config: AppConfig) {
    super(bus, `${config.redisPrefix}:rehearsal`, 'Rehearsal answers');
  }
}
