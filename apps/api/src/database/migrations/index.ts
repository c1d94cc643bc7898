import { Registry1764151200000 } from './1764151200000-Registry';
import { Attendance1764158400000 } from './1764158400000-Attendance';
import { Exports1764162000000 } from './1764162000000-Exports';
import { CheckInFunction1764165600000 } from './1764165600000-CheckInFunction';
import { Moderation1764169200000 } from './1764169200000-Moderation';
import { FileRetention1764172800000 } from './1764172800000-FileRetention';
import { Security1764180000000 } from './1764180000000-Security';
import { DelegateSessions1764185000000 } from './1764185000000-DelegateSessions';
import { AttendanceRecord1764190000000 } from './1764190000000-AttendanceRecord';
import { Presence1764195000000 } from './1764195000000-Presence';
import { FloorMedia1764200000000 } from './1764200000000-FloorMedia';
import { OperatorLinks1764205000000 } from './1764205000000-OperatorLinks';
import { Announcements1764210000000 } from './1764210000000-Announcements';
import { Recordings1764215000000 } from './1764215000000-Recordings';
import { Rehearsal1764220000000 } from './1764220000000-Rehearsal';
import { PreflightMeasurements1764225000000 } from './1764225000000-PreflightMeasurements';

/** Every migration, in order. Production runs these at start; nothing uses `synchronize`. */
export const MIGRATIONS = [
  Registry1764151200000,
  Attendance1764158400000,
  Exports1764162000000,
  CheckInFunction1764165600000,
  Moderation1764169200000,
  FileRetention1764172800000,
  Security1764180000000,
  DelegateSessions1764185000000,
  AttendanceRecord1764190000000,
  Presence1764195000000,
  FloorMedia1764200000000,
  OperatorLinks1764205000000,
  Announcements1764210000000,
  Recordings1764215000000,
  Rehearsal1764220000000,
  PreflightMeasurements1764225000000,
];
