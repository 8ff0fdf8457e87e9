import { DataSource } from 'typeorm';
import { VolunteersService } from '../../src/modules/volunteers/volunteers.service';
import { createTestApp, DEMO, demoIds, registerVolunteer, uniquePhone, type TestApp } from '../setup/test-app';
import { authUser, errorCode } from './helpers';

/** VolunteersService's writes that other modules make for it (team membership, login phone), on the real test database. */
describe('VolunteersService', () => {
  let t: TestApp;
  let db: DataSource;
  let volunteers: VolunteersService;
  let ids: Awaited<ReturnType<typeof demoIds>>;

  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    volunteers = t.app.get(VolunteersService);
    ids = await demoIds(t);
  });
  afterAll(() => t.close());

  it('a leader adds a volunteer to the team they lead: the membership is written in the same transaction', async () => {
    const leader = await authUser(db, DEMO.leader);
    const v = await volunteers.create(leader, { name: '新队员', phone: uniquePhone(), teamId: ids.demoTeamId } as never);
    expect(v.teams.map((x) => [x.id, x.role])).toEqual([[ids.demoTeamId, 'member']]);
    const [m] = await db.query(`SELECT role FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`, [ids.demoTeamId, v.id]);
    expect(m.role).toBe('member');
  });

  it("a volunteer's login phone follows the profile phone; a phone another login holds is 409 and changes nothing", async () => {
    const me = await registerVolunteer(t, ids.yongqingStationId, '换号志愿者');
    const user = await authUser(db, me.phone);
    const next = uniquePhone();
    await volunteers.update(user, me.volunteerId, { phone: next } as never);
    expect((await db.query(`SELECT phone FROM users WHERE id = $1`, [me.userId]))[0].phone).toBe(next);
    const other = await registerVolunteer(t, ids.yongqingStationId, '另一位');
    expect(await errorCode(volunteers.update(await authUser(db, next), me.volunteerId, { phone: other.phone } as never))).toBe('PHONE_TAKEN');
    expect((await db.query(`SELECT phone FROM volunteers WHERE id = $1`, [me.volunteerId]))[0].phone).toBe(next);
  });
});
