export * from './errors';
export * from './enums';
export * from './dto';
export * from './imports';
export * from './text';
export * from './attendance';
export * from './questions';
export * from './live';
