import { Registry1764151200000 } from './1764151200000-Registry';
import { Attendance1764158400000 } from './1764158400000-Attendance';

/** Every migration, in order. Production runs these at start; nothing uses `synchronize`. */
export const MIGRATIONS = [Registry1764151200000, Attendance1764158400000];
