export * from './enums';
export * from './errors';
export * from './rules';
export * from './types';
