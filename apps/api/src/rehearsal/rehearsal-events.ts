import { Injectable } from '@nestjs/common';
import type { PointRehearsalDto } from '@bridgepoint/contracts';

type Listener = (answer: PointRehearsalDto) => void;

/** Tells the `/live` gateway (where this process runs one) that a point answered the rehearsal. */
@Injectable()
export class RehearsalEvents {
  private readonly listeners: Listener[] = [];

  onAnswer(listener: Listener) {
    this.listeners.push(listener);
  }

  answered(answer: PointRehearsalDto) {
    for (const l of this.listeners) l(answer);
  }
}
