import { Foundation1764380000000 } from './1764380000000-foundation';

/** Every migration in order; later modules append theirs. Never edit a landed one. */
export const MIGRATIONS = [Foundation1764380000000];
