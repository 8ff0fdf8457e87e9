import { DataSource } from 'typeorm';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { JoinRequestsService } from '../../src/modules/teams/join-requests.service';
import { createTestApp, demoIds, registerVolunteer, type TestApp } from '../setup/test-app';

/** Service-level tests of JoinRequestsService on its repositories (JoinRequestsRepository, TeamsRepository), real database. */
describe('JoinRequestsService', () => {
  let t: TestApp;
  let db: DataSource;
  let svc: JoinRequestsService;
  let ids: Awaited<ReturnType<typeof demoIds>>;
  let county: AuthUser;
  beforeAll(async () => {
    t = await createTestApp();
    db = t.app.get(DataSource);
    svc = t.app.get(JoinRequestsService);
    ids = await demoIds(t);
    const [u] = await db.query(`SELECT id FROM users WHERE role = 'county_admin' ORDER BY created_at LIMIT 1`);
    county = { id: u.id, role: 'county_admin', siteId: null, volunteerId: null } as unknown as AuthUser;
  });
  afterAll(() => t.close());

  const asVolunteer = (v: { userId: string; volunteerId: string }) =>
    ({ id: v.userId, role: 'volunteer', siteId: null, volunteerId: v.volunteerId }) as unknown as AuthUser;
  const membership = async (teamId: string, volunteerId: string) =>
    (await db.query(`SELECT role FROM team_memberships WHERE team_id = $1 AND volunteer_id = $2`, [teamId, volunteerId]))[0]?.role ?? null;

  it('request → approve makes a member (once); approving again is idempotent, declining then is 409; a second request is 409', async () => {
    const v = await registerVolunteer(t, ids.yongqingStationId);
    const jr = await svc.request(asVolunteer(v), ids.demoTeamId, '  想参加  ');
    expect(jr).toMatchObject({ teamId: ids.demoTeamId, volunteerId: v.volunteerId, status: 'pending', message: '想参加', decidedBy: null });
    expect(jr.volunteerPhone).not.toBe(v.phone); // masked
    const approved = await svc.decide(county, ids.demoTeamId, jr.id, 'approved');
    expect(approved).toMatchObject({ status: 'approved', decidedBy: county.id, decidedByName: '县文明办管理员' });
    expect(await membership(ids.demoTeamId, v.volunteerId)).toBe('member');
    expect(await svc.decide(county, ids.demoTeamId, jr.id, 'approved')).toMatchObject({ id: jr.id, status: 'approved' });
    await expect(svc.decide(county, ids.demoTeamId, jr.id, 'declined')).rejects.toMatchObject({ code: 'JOIN_REQUEST_DECIDED' });
    await expect(svc.request(asVolunteer(v), ids.demoTeamId, undefined)).rejects.toMatchObject({ code: 'ALREADY_MEMBER' });
    // the request belongs to its team: deciding it under another team's id is 404
    await expect(svc.decide(county, ids.otherTeamId, jr.id, 'approved')).rejects.toMatchObject({ status: 404 });
  });

  it('adding by phone settles the pending request and answers the membership; the directory shows it', async () => {
    const v = await registerVolunteer(t, ids.yongqingStationId);
    const jr = await svc.request(asVolunteer(v), ids.otherTeamId, undefined);
    await expect(svc.request(asVolunteer(v), ids.otherTeamId, undefined)).rejects.toMatchObject({ code: 'ALREADY_REQUESTED' });
    const m = await svc.addByPhone(county, ids.otherTeamId, v.phone);
    expect(m).toMatchObject({ teamId: ids.otherTeamId, volunteerId: v.volunteerId, role: 'member' });
    const [row] = await db.query(`SELECT status, decided_by FROM join_requests WHERE id = $1`, [jr.id]);
    expect(row).toEqual({ status: 'approved', decided_by: county.id });
    await expect(svc.addByPhone(county, ids.otherTeamId, v.phone)).rejects.toMatchObject({ code: 'ALREADY_MEMBER' });
    const [{ site_id: otherSite }] = await db.query(`SELECT site_id FROM teams WHERE id = $1`, [ids.otherTeamId]);
    const there = await svc.directory(asVolunteer(v), { siteId: otherSite, page: 1, pageSize: 100 } as never);
    expect(there.items.find((e) => e.id === ids.otherTeamId)).toMatchObject({ isMember: true, joinRequestStatus: 'approved', siteId: otherSite });
    // nearest first: the teams of the volunteer's own station come before any other
    const dir = await svc.directory(asVolunteer(v), { page: 1, pageSize: 100 } as never);
    expect(dir.items[0].siteId).toBe(ids.yongqingStationId);
    const firstOther = dir.items.findIndex((e) => e.siteId !== ids.yongqingStationId);
    expect(dir.items.slice(firstOther).every((e) => e.siteId !== ids.yongqingStationId)).toBe(true);
  });
});
