import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ACTIVITY_CATEGORY_LABELS, ACTIVITY_KIND_LABELS, t } from '@/lib/i18n';

/**
 * public/boot.js paints the volunteer's /activities from its own requests before the app's JavaScript has run
 * (issue 15). It is a classic script outside the bundle, so its texts are a copy: this file keeps the copy true and runs
 * the script against a DOM to see what a volunteer sees first.
 */
const source = fs.readFileSync(path.resolve(__dirname, '../../public/boot.js'), 'utf8');

function bootText(): Record<string, unknown> {
  const m = /\/\*BOOT_TEXT\*\/([\s\S]*?)\/\*END_BOOT_TEXT\*\//.exec(source);
  if (!m) throw new Error('BOOT_TEXT table not found in boot.js');
  return new Function(`return (${m[1]});`)() as Record<string, unknown>;
}

const TOWN = { id: 'town-1', name: '永清镇' };
const activity = (over: Record<string, unknown>) => ({
  id: 'a1',
  title: '北关社区“垃圾分类 从我做起”宣传',
  kind: 'themed',
  category: 'waste_sorting',
  siteName: '北关社区新时代文明实践站',
  townName: '永清镇',
  address: '北关广场',
  teamName: '北关社区红领巾志愿服务队',
  startsAt: '2026-12-02T00:30:00.000Z',
  endsAt: '2026-12-02T03:00:00.000Z',
  capacity: 26,
  confirmedCount: 3,
  mySignup: null,
  ...over,
});

function answer(url: string): unknown {
  if (url === '/api/v1/me') return { volunteer: { townName: TOWN.name } };
  if (url === '/api/v1/notices/unread-count') return { count: 0 };
  if (url === '/api/v1/regions?level=town') return [{ id: 'town-0', name: '红堡镇' }, TOWN];
  if (url.startsWith('/api/v1/me/activities')) return { items: [] };
  if (url.startsWith('/api/v1/activities?')) {
    return {
      items: [
        activity({}),
        activity({ id: 'a2', title: '已报名的服务日', kind: 'service_day', category: 'sanitation', mySignup: { status: 'confirmed' }, capacity: null }),
        activity({ id: 'a3', title: '今天上午的活动', endsAt: '2000-01-01T00:00:00.000Z', siteName: '永清镇东关社区站', address: ' ', teamName: '<b>队</b>' }),
      ],
      total: 3,
      page: 1,
      pageSize: 10,
    };
  }
  throw new Error(`unexpected ${url}`);
}

async function runBoot(withSlot: boolean) {
  window.history.replaceState(null, '', '/activities');
  window.localStorage.setItem('wenming.accessToken', 'token-1');
  document.body.innerHTML = `<div id="root"><main>${withSlot ? '<div id="boot-activities"></div>' : '<p>React</p>'}</main></div>`;
  const urls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      urls.push(url);
      return new Response(JSON.stringify(answer(url)), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  new Function(source)();
  await window.__wenmingBoot!.settled;
  await new Promise((r) => setTimeout(r, 0));
  return urls;
}

// the fixtures' activities are on 2026-12-02: the clock stands the day before, so "ended" is the fixture's, not the calendar's
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T04:00:00.000Z'));
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  delete window.__wenmingBoot;
  window.localStorage.clear();
  document.body.innerHTML = '';
});

describe('boot.js', () => {
  it('says what the app says (its copy of the texts)', () => {
    const text = bootText();
    expect(text).toEqual({
      allCounty: t.activities.allCounty,
      all: t.common.all,
      kinds: ACTIVITY_KIND_LABELS,
      categories: ACTIVITY_CATEGORY_LABELS,
      capacity: t.activities.capacity,
      unlimited: t.common.unlimited,
      people: t.common.people,
      spotsLeft: t.activities.spotsLeft,
      myStatusConfirmed: t.activities.myStatusConfirmed,
      myStatusWaitlisted: t.activities.myStatusWaitlisted,
      waitlisted: t.activities.waitlisted,
      signup: t.activities.signup,
      cancelSignup: t.activities.cancelSignup,
      ended: t.activities.ended,
      noUpcoming: t.activities.noUpcoming,
    });
  });

  it("paints the volunteer's town, the kind switch and the first cards before React, buttons disabled", async () => {
    const urls = await runBoot(true);
    expect(urls).toContain(
      '/api/v1/activities?status=published&from=' +
        urls
          .find((u) => u.includes('from='))!
          .split('from=')[1]
          .slice(0, 10) +
        '&sort=asc&townId=town-1&page=1&pageSize=10',
    );
    const slot = document.getElementById('boot-activities')!;
    expect(slot.textContent).toContain('永清镇');
    for (const label of [t.common.all, ACTIVITY_KIND_LABELS.service_day, ACTIVITY_KIND_LABELS.themed, ACTIVITY_KIND_LABELS.lecture])
      expect(slot.textContent).toContain(label);
    const cards = [...slot.querySelectorAll('article')];
    expect(cards.map((c) => c.getAttribute('aria-label'))).toEqual(['北关社区“垃圾分类 从我做起”宣传', '已报名的服务日', '今天上午的活动']);
    const [first, mine, ended] = cards;
    expect(first.querySelector('a')!.getAttribute('href')).toBe('/activities/a1');
    expect(first.textContent).toContain('主题活动');
    expect(first.textContent).toContain('垃圾分类');
    expect(first.textContent).toContain('2026-12-02 周三 08:30 – 11:00');
    expect(first.textContent).toContain('永清镇北关社区新时代文明实践站 · 北关广场');
    expect(first.textContent).toContain('北关社区红领巾志愿服务队');
    expect(first.textContent).toContain('招募人数：26人 · 剩余 23 个名额');
    expect(first.querySelector('button')!.textContent).toBe('报 名');
    expect(mine.textContent).toContain('已报名');
    expect(mine.textContent).toContain('招募人数：不限');
    expect(mine.querySelector('button')!.textContent).toBe('取消报名');
    expect(ended.textContent).toContain('永清镇东关社区站');
    expect(ended.textContent).not.toContain('永清镇东关社区站 ·');
    // names are text, never markup
    expect(ended.querySelector('b')).toBeNull();
    expect(ended.textContent).toContain('<b>队</b>');
    expect(ended.querySelector('button')!.textContent).toBe('已结束');
    for (const b of slot.querySelectorAll('button')) expect((b as HTMLButtonElement).disabled).toBe(true);
  });

  it('paints nothing once React has rendered (its render removed the slot)', async () => {
    await runBoot(false);
    expect(document.querySelectorAll('article')).toHaveLength(0);
    expect(document.querySelector('main')!.textContent).toBe('React');
  });
});
