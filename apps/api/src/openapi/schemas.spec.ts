import { readFileSync } from 'node:fs';
import { SCHEMAS } from './schemas.generated';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { generate, OUT_FILE } = require('../../scripts/openapi-schemas.cjs') as { generate: () => string; OUT_FILE: string };

describe('OpenAPI response schemas generated from packages/shared', () => {
  it('the committed schemas.generated.ts is what the generator makes of packages/shared now', () => {
    const fresh = generate();
    const committed = readFileSync(OUT_FILE, 'utf8');
    // on failure: run `pnpm --filter @wenming/api openapi:schemas` and commit the file
    expect(committed === fresh ? 'up to date' : 'stale: run pnpm --filter @wenming/api openapi:schemas').toBe('up to date');
  }, 60_000);

  it('writes enums as enum lists, `T | null` as nullable, optional properties as not required, and closes objects', () => {
    expect(SCHEMAS.ActivityStatus).toEqual({ type: 'string', enum: ['draft', 'published', 'completed', 'cancelled'] });
    const activity = SCHEMAS.ActivityDto;
    expect(activity.additionalProperties).toBe(false);
    expect(activity.properties!.capacity).toEqual({ type: 'number', nullable: true });
    expect(activity.properties!.status).toEqual({ $ref: '#/components/schemas/ActivityStatus' });
    expect(activity.required).toEqual(expect.arrayContaining(['id', 'siteName', 'capacity']));
    const team = SCHEMAS.TeamDto;
    expect(Object.keys(team.properties!)).toContain('memberCount');
    expect(team.required).not.toContain('memberCount');
    const me = SCHEMAS.MeResponse.properties!.volunteer;
    expect(me).toEqual({ allOf: [{ $ref: '#/components/schemas/VolunteerDto' }], nullable: true });
    expect(SCHEMAS.ApiErrorBody.required).toEqual(['statusCode', 'code', 'message']);
  });
});
