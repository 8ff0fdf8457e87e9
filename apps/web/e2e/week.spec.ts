import { expect, test } from '@playwright/test';
import { DEMO, apiLogin, loginUi, newContext, shot, uniq, type Me } from './support';

/**
 * Issue 11 (a real week): a leader recruits a newly registered volunteer through the UI; a leader edits an
 * activity's place and time and the signed-up volunteer sees the change on 我的活动.
 */

function phone(): string {
  return `166${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}

test('a newly registered volunteer asks to join from 找队伍; the leader approves in 我的队伍', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const leader = await apiLogin(request, DEMO.leader);
  const me = await leader.get<Me & { teamsLed: Array<{ id: string; name: string; siteId: string }> }>('/me');
  const team = me.teamsLed[0];
  const name = uniq('新队员');
  const p = phone();
  const reg = await request.post('/api/v1/auth/register', { data: { name, phone: p, password: 'Passw0rd!', siteId: team.siteId } });
  expect(reg.status()).toBe(201);

  const vctx = await newContext(browser, 'phone');
  const vpage = await vctx.newPage();
  await loginUi(vpage, p, 'Passw0rd!');
  await vpage.goto('/find-teams');
  const card = vpage.getByTestId('team-entry').filter({ hasText: team.name });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await card.getByRole('button', { name: /申请加入/ }).click();
  await expect(card.getByText('已申请，等待队长审核')).toBeVisible();
  await shot(vpage, 'phone-find-teams');

  const lctx = await newContext(browser, 'desktop');
  const lpage = await lctx.newPage();
  await loginUi(lpage, DEMO.leader);
  await lpage.goto('/my-teams');
  const requests = lpage.getByTestId('join-requests');
  await expect(requests).toBeVisible({ timeout: 30_000 });
  const item = requests.locator('.ant-list-item').filter({ hasText: name });
  await expect(item).toBeVisible();
  await shot(lpage, 'desktop-join-requests');
  await item.getByRole('button', { name: /^通\s*过$/ }).click();
  await expect(lpage.getByRole('row', { name: new RegExp(name) })).toBeVisible({ timeout: 30_000 });

  await vpage.goto('/find-teams');
  await expect(vpage.getByTestId('team-entry').filter({ hasText: team.name }).getByText('已是队员')).toBeVisible({ timeout: 30_000 });
  await vctx.close();
  await lctx.close();
});

test('a leader edits the place and time of an activity; the signed-up volunteer sees the change', async ({ browser, request }) => {
  test.setTimeout(120_000);
  const leader = await apiLogin(request, DEMO.leader);
  const me = await leader.get<Me & { teamsLed: Array<{ id: string; siteId: string }> }>('/me');
  const day = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
  const title = uniq('改期演示');
  const a = await leader.post<{ id: string }>('/activities', {
    title,
    kind: 'themed',
    category: 'law_education',
    teamId: me.teamsLed[0].id,
    startsAt: `${day}T19:00:00+08:00`,
    endsAt: `${day}T20:00:00+08:00`,
  });
  const vol = await apiLogin(request, DEMO.volunteer);
  await vol.post(`/activities/${a.id}/signups`, {});

  const lctx = await newContext(browser, 'desktop');
  const lpage = await lctx.newPage();
  await loginUi(lpage, DEMO.leader);
  await lpage.goto(`/manage/activities/${a.id}`);
  await lpage.getByRole('button', { name: /修\s*改/ }).click();
  const dialog = lpage.getByRole('dialog');
  await dialog.getByLabel('具体地点').fill('东关广场舞台');
  await shot(lpage, 'desktop-edit-activity');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  // the time moves by an hour through the API (the picker is antd's own); the notice names both changes
  await leader.patch(`/activities/${a.id}`, { startsAt: `${day}T18:00:00+08:00`, endsAt: `${day}T19:30:00+08:00` });

  const vctx = await newContext(browser, 'phone');
  const vpage = await vctx.newPage();
  await loginUi(vpage, DEMO.volunteer);
  await vpage.goto('/my-activities');
  const notices = vpage.getByTestId('activity-notices');
  await expect(notices).toBeVisible({ timeout: 30_000 });
  await expect(notices.getByText(new RegExp(`${title}.*地点改为.*东关广场舞台`))).toBeVisible();
  await expect(notices.getByText(new RegExp(`${title}.*时间由.*改为.*18:00`))).toBeVisible();
  await shot(vpage, 'phone-my-activities-notices');
  await vctx.close();
  await lctx.close();
});
