/* global window, document */
// The logged-in volunteer's first requests, started before the app's JavaScript has arrived (issue 15: the first load
// of /activities on a slow phone). A classic same-origin script (the CSP's script-src 'self' holds; no inline script),
// loaded `async` by the index.html the API serves for logged-in pages (apps/api/src/web/web-index.ts). It reads the
// token the app keeps in localStorage and starts, in parallel, the requests the page would make first; the entry
// (src/main.tsx, `takeBootData`) puts their answers into the query cache under the same keys, so the app makes none of
// them again. Only successful answers are handed over: on any error the app asks again itself (and handles a 401).
// Keep the keys and parameters in step with src/lib/boot-data.ts.
(function () {
  'use strict';
  var token = null;
  try {
    token = window.localStorage.getItem('wenming.accessToken');
  } catch (e) {
    /* storage blocked: the app works without the head start */
  }
  if (!token || typeof fetch !== 'function' || typeof Promise !== 'function') return;
  var path = window.location.pathname.replace(/\/+$/, '') || '/';
  var entries = [];
  function get(url) {
    return fetch('/api/v1' + url, { headers: { Accept: 'application/json', Authorization: 'Bearer ' + token } }).then(function (res) {
      if (!res.ok) throw new Error('HTTP ' + res.status);
      return res.json();
    });
  }
  function add(key, promise) {
    var entry = { key: key, promise: promise, done: false, failed: false, data: undefined };
    entries.push(entry);
    // recorded before anything else waits on it: by the time `settled` resolves, every answer is in its entry
    promise.then(
      function (data) {
        entry.done = true;
        entry.data = data;
      },
      function () {
        entry.failed = true; // and no unhandled rejection: the app asks again itself
      },
    );
    return promise;
  }
  // ---------------------------------------------------------------------------------------------------------------
  // The volunteer's /activities painted from the list answer before the app's JavaScript has run (issue 15: the largest
  // paint of the page on a slow phone). Plain elements with the boxes React renders (BrowseActivitiesPage: the town
  // picker and the kind switch, then ActivityCard per activity — compared box by box with
  // `ORIGIN=… node apps/web/scripts/shell-check.mjs`). React replaces all of it on its first render (it clears #root),
  // so nothing here needs to work: the buttons are disabled until then (a tap waits for the real one), the title is a
  // real link. Texts as the app writes them (src/lib/i18n.ts and @wenming/shared's labels; boot-text.spec.ts checks
  // that this table says the same).
  // ---------------------------------------------------------------------------------------------------------------
  var TEXT = /*BOOT_TEXT*/ {
    allCounty: '全县',
    all: '全部',
    kinds: { service_day: '志愿服务日', menu_service: '菜单式服务', themed: '主题活动', lecture: '故事式宣讲' },
    categories: {
      civility_persuasion: '文明劝导',
      law_education: '普法宣传',
      sanitation: '环境卫生',
      waste_sorting: '垃圾分类',
      elderly_care: '关爱帮扶',
      theory_lecture: '理论宣讲',
      customs_reform: '移风易俗',
      health: '健康义诊',
      tutoring: '课业辅导',
      other: '其他',
    },
    capacity: '招募人数',
    unlimited: '不限',
    people: '人',
    spotsLeft: '剩余 {n} 个名额',
    myStatusConfirmed: '已报名',
    myStatusWaitlisted: '候补第 {n} 位',
    waitlisted: '名额已满，已进入候补',
    signup: '报名',
    cancelSignup: '取消报名',
    ended: '已结束',
    noUpcoming: '近期没有可报名的活动',
  } /*END_BOOT_TEXT*/;
  var ICONS = {"clock-circle": ["M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm0 820c-205.4 0-372-166.6-372-372s166.6-372 372-372 372 166.6 372 372-166.6 372-372 372z", "M686.7 638.6L544.1 535.5V288c0-4.4-3.6-8-8-8H488c-4.4 0-8 3.6-8 8v275.4c0 2.6 1.2 5 3.3 6.5l165.4 120.6c3.6 2.6 8.6 1.8 11.2-1.7l28.6-39c2.6-3.7 1.8-8.7-1.8-11.2z"], "environment": ["M854.6 289.1a362.49 362.49 0 00-79.9-115.7 370.83 370.83 0 00-118.2-77.8C610.7 76.6 562.1 67 512 67c-50.1 0-98.7 9.6-144.5 28.5-44.3 18.3-84 44.5-118.2 77.8A363.6 363.6 0 00169.4 289c-19.5 45-29.4 92.8-29.4 142 0 70.6 16.9 140.9 50.1 208.7 26.7 54.5 64 107.6 111 158.1 80.3 86.2 164.5 138.9 188.4 153a43.9 43.9 0 0022.4 6.1c7.8 0 15.5-2 22.4-6.1 23.9-14.1 108.1-66.8 188.4-153 47-50.4 84.3-103.6 111-158.1C867.1 572 884 501.8 884 431.1c0-49.2-9.9-97-29.4-142zM512 880.2c-65.9-41.9-300-207.8-300-449.1 0-77.9 31.1-151.1 87.6-206.3C356.3 169.5 431.7 139 512 139s155.7 30.5 212.4 85.9C780.9 280 812 353.2 812 431.1c0 241.3-234.1 407.2-300 449.1zm0-617.2c-97.2 0-176 78.8-176 176s78.8 176 176 176 176-78.8 176-176-78.8-176-176-176zm79.2 255.2A111.6 111.6 0 01512 551c-29.9 0-58-11.7-79.2-32.8A111.6 111.6 0 01400 439c0-29.9 11.7-58 32.8-79.2C454 338.6 482.1 327 512 327c29.9 0 58 11.6 79.2 32.8C612.4 381 624 409.1 624 439c0 29.9-11.6 58-32.8 79.2z"], "team": ["M824.2 699.9a301.55 301.55 0 00-86.4-60.4C783.1 602.8 812 546.8 812 484c0-110.8-92.4-201.7-203.2-200-109.1 1.7-197 90.6-197 200 0 62.8 29 118.8 74.2 155.5a300.95 300.95 0 00-86.4 60.4C345 754.6 314 826.8 312 903.8a8 8 0 008 8.2h56c4.3 0 7.9-3.4 8-7.7 1.9-58 25.4-112.3 66.7-153.5A226.62 226.62 0 01612 684c60.9 0 118.2 23.7 161.3 66.8C814.5 792 838 846.3 840 904.3c.1 4.3 3.7 7.7 8 7.7h56a8 8 0 008-8.2c-2-77-33-149.2-87.8-203.9zM612 612c-34.2 0-66.4-13.3-90.5-37.5a126.86 126.86 0 01-37.5-91.8c.3-32.8 13.4-64.5 36.3-88 24-24.6 56.1-38.3 90.4-38.7 33.9-.3 66.8 12.9 91 36.6 24.8 24.3 38.4 56.8 38.4 91.4 0 34.2-13.3 66.3-37.5 90.5A127.3 127.3 0 01612 612zM361.5 510.4c-.9-8.7-1.4-17.5-1.4-26.4 0-15.9 1.5-31.4 4.3-46.5.7-3.6-1.2-7.3-4.5-8.8-13.6-6.1-26.1-14.5-36.9-25.1a127.54 127.54 0 01-38.7-95.4c.9-32.1 13.8-62.6 36.3-85.6 24.7-25.3 57.9-39.1 93.2-38.7 31.9.3 62.7 12.6 86 34.4 7.9 7.4 14.7 15.6 20.4 24.4 2 3.1 5.9 4.4 9.3 3.2 17.6-6.1 36.2-10.4 55.3-12.4 5.6-.6 8.8-6.6 6.3-11.6-32.5-64.3-98.9-108.7-175.7-109.9-110.9-1.7-203.3 89.2-203.3 199.9 0 62.8 28.9 118.8 74.2 155.5-31.8 14.7-61.1 35-86.5 60.4-54.8 54.7-85.8 126.9-87.8 204a8 8 0 008 8.2h56.1c4.3 0 7.9-3.4 8-7.7 1.9-58 25.4-112.3 66.7-153.5 29.4-29.4 65.4-49.8 104.7-59.7 3.9-1 6.5-4.7 6-8.7z"], "down": ["M884 256h-75c-5.1 0-9.9 2.5-12.9 6.6L512 654.2 227.9 262.6c-3-4.1-7.8-6.6-12.9-6.6h-75c-6.5 0-10.3 7.4-6.5 12.7l352.6 486.1c12.8 17.6 39 17.6 51.7 0l352.6-486.1c3.9-5.3.1-12.7-6.4-12.7z"]};
  var WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];
  var SVG_NS = 'http://www.w3.org/2000/svg';

  function el(tag, style, children) {
    var node = document.createElement(tag);
    if (style) node.setAttribute('style', style);
    for (var i = 0; children && i < children.length; i++) {
      var c = children[i];
      if (c === null || c === undefined) continue;
      node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }
  function icon(name, style) {
    var svg = document.createElementNS(SVG_NS, 'svg');
    svg.setAttribute('viewBox', '64 64 896 896');
    svg.setAttribute('width', '1em');
    svg.setAttribute('height', '1em');
    svg.setAttribute('fill', 'currentColor');
    svg.setAttribute('aria-hidden', 'true');
    for (var i = 0; i < ICONS[name].length; i++) {
      var path = document.createElementNS(SVG_NS, 'path');
      path.setAttribute('d', ICONS[name][i]);
      svg.appendChild(path);
    }
    var span = el('span', 'display:inline-flex;align-items:center;line-height:0;vertical-align:-0.125em;' + (style || ''), [svg]);
    span.setAttribute('aria-hidden', 'true');
    return span;
  }
  function fill(text, n) {
    return text.replace('{n}', String(n));
  }
  // src/lib/dates.ts fmtRange: Shanghai is UTC+8 all year
  function shanghai(iso) {
    var d = new Date(Date.parse(iso) + 8 * 3600 * 1000);
    var iso8 = d.toISOString();
    return { date: iso8.slice(0, 10), time: iso8.slice(11, 16), weekday: WEEKDAYS[d.getUTCDay()] };
  }
  function fmtRange(startsAt, endsAt) {
    var s = shanghai(startsAt);
    var e = shanghai(endsAt);
    return s.date + ' ' + s.weekday + ' ' + s.time + ' – ' + (s.date === e.date ? e.time : e.date + ' ' + e.time);
  }
  // features/activities/lib/place.ts placeOf
  function placeOf(a) {
    var site = a.townName && a.siteName.indexOf(a.townName) !== 0 ? a.townName + a.siteName : a.siteName;
    var address = (a.address || '').trim();
    return address ? site + ' · ' + address : site;
  }
  // antd's Button puts a space between exactly two Chinese characters (报 名)
  function buttonText(text) {
    return /^[\u4e00-\u9fa5]{2}$/.test(text) ? text.charAt(0) + ' ' + text.charAt(1) : text;
  }
  var TAG = 'display:inline-block;padding:0 7px;font-size:12px;line-height:20px;white-space:nowrap;border:1px solid transparent;border-radius:4px;';
  var TAG_COLORS = {
    red: 'color:#cf1322;background:#fff1f0;',
    blue: 'color:#0958d9;background:#e6f4ff;',
    plain: 'color:rgba(0,0,0,0.88);background:#f5f5f5;',
    success: 'color:#52c41a;background:#f6ffed;',
    warning: 'color:#faad14;background:#fffbe6;',
  };
  function tag(text, color) {
    return el('div', null, [el('span', TAG + TAG_COLORS[color], [text])]);
  }
  var BUTTON = 'display:inline-flex;align-items:center;justify-content:center;width:100%;height:32px;padding:0 15px;font-size:14px;font-family:inherit;border-radius:6px;cursor:default;';
  function button(text, kind) {
    var style =
      kind === 'primary'
        ? 'color:#fff;background:#c8161d;border:1px solid transparent;box-shadow:0 2px 0 rgba(255,55,25,0.1);'
        : kind === 'disabled'
          ? 'color:rgba(0,0,0,0.25);background:rgba(0,0,0,0.04);border:1px solid #d9d9d9;'
          : 'color:rgba(0,0,0,0.88);background:#fff;border:1px solid #d9d9d9;box-shadow:0 2px 0 rgba(0,0,0,0.02);';
    var b = el('button', BUTTON + style, [el('span', null, [buttonText(text)])]);
    b.type = 'button';
    b.disabled = true; // until React's own button replaces it
    return b;
  }
  var TEXT_STYLE = 'display:block;word-break:break-word;';
  var SECONDARY = TEXT_STYLE + 'color:rgba(0,0,0,0.45);';
  function card(a, now) {
    var mine = a.mySignup;
    var mineText = !mine
      ? null
      : mine.status === 'confirmed'
        ? TEXT.myStatusConfirmed
        : mine.status === 'waitlisted'
          ? mine.waitlistPosition
            ? fill(TEXT.myStatusWaitlisted, mine.waitlistPosition)
            : TEXT.waitlisted
          : null;
    var left = a.capacity != null && a.confirmedCount != null ? Math.max(0, a.capacity - a.confirmedCount) : null;
    var holding = mine && (mine.status === 'confirmed' || mine.status === 'waitlisted');
    var link = el('a', 'display:block;color:inherit;min-width:0;text-decoration:none', [
      el('span', 'word-break:break-word;font-size:16px', [el('strong', 'font-weight:600', [a.title])]),
    ]);
    link.href = '/activities/' + a.id;
    var art = el('article', 'display:block;background:#fff;border:1px solid #f0f0f0;border-radius:8px;min-width:0', [
      el('div', 'padding:14px', [
        el('div', 'display:flex;flex-direction:column;gap:6px', [
          el('div', 'display:flex;justify-content:space-between;align-items:flex-start;gap:8px', [
            link,
            mineText ? el('span', TAG + TAG_COLORS[mine.status === 'confirmed' ? 'success' : 'warning'] + 'flex:none', [mineText]) : null,
          ]),
          el('div', 'display:flex;flex-wrap:wrap;align-items:center;gap:4px', [
            tag(TEXT.kinds[a.kind] || a.kind, 'red'),
            tag(TEXT.categories[a.category] || a.category, 'plain'),
            a.townName ? tag(a.townName, 'blue') : null,
          ]),
          el('span', SECONDARY, [icon('clock-circle'), ' ' + fmtRange(a.startsAt, a.endsAt)]),
          el('span', TEXT_STYLE, [icon('environment'), ' ' + placeOf(a)]),
          el('span', SECONDARY, [icon('team'), ' ' + a.teamName]),
          el('span', SECONDARY, [
            (a.capacity == null ? TEXT.capacity + '：' + TEXT.unlimited : TEXT.capacity + '：' + a.capacity + TEXT.people) +
              (left != null ? ' · ' + fill(TEXT.spotsLeft, left) : ''),
          ]),
          el('div', 'margin-top:4px', [
            Date.parse(a.endsAt) <= now ? button(TEXT.ended, 'disabled') : holding ? button(TEXT.cancelSignup, 'default') : button(TEXT.signup, 'primary'),
          ]),
        ]),
      ]),
    ]);
    art.setAttribute('aria-label', a.title);
    return art;
  }
  function paintActivities(page, townName) {
    var slot = document.getElementById('boot-activities');
    // React has rendered already (it clears #root), or this is not the page: nothing to do
    if (!slot || !page || !page.items) return;
    var picker = el('div', 'display:flex;align-items:center;gap:8px;margin-bottom:8px', [
      icon('environment'),
      el(
        'div',
        'display:flex;align-items:flex-start;flex:1 1 0%;max-width:240px;height:32px;box-sizing:border-box;padding:4px 11px;background:#fff;border:1px solid #d9d9d9;border-radius:6px',
        [
          el('div', 'flex:1;min-width:0;margin-right:6px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis', [townName || TEXT.allCounty]),
          el('div', 'align-self:center;font-size:12px;color:rgba(0,0,0,0.25);line-height:0', [icon('down', 'vertical-align:top')]),
        ],
      ),
    ]);
    var kinds = ['all', 'service_day', 'themed', 'lecture'];
    var options = [];
    for (var i = 0; i < kinds.length; i++) {
      var first = i === 0;
      options.push(
        el(
          'div',
          'padding:0 11px;line-height:28px;height:28px;border-radius:4px;white-space:nowrap;' +
            (first ? 'color:rgba(0,0,0,0.88);background:#fff;box-shadow:0 1px 2px 0 rgba(0,0,0,0.03),0 1px 6px -1px rgba(0,0,0,0.02),0 2px 4px 0 rgba(0,0,0,0.02)' : 'color:rgba(0,0,0,0.65)'),
          [first ? TEXT.all : TEXT.kinds[kinds[i]]],
        ),
      );
    }
    var switcher = el('div', 'overflow-x:auto;margin-bottom:12px', [
      el('div', 'display:inline-block;vertical-align:top;padding:2px;background:#f5f5f5;border-radius:6px;color:rgba(0,0,0,0.65)', [el('div', 'display:flex', options)]),
    ]);
    var now = Date.now();
    var list = el('div', 'display:flex;flex-direction:column;gap:12px', []);
    for (var j = 0; j < page.items.length; j++) list.appendChild(card(page.items[j], now));
    if (page.items.length === 0) list.appendChild(el('div', 'padding:32px 0;text-align:center;color:rgba(0,0,0,0.45)', [TEXT.noUpcoming]));
    slot.appendChild(picker);
    slot.appendChild(switcher);
    slot.appendChild(list);
  }

  var me = add(['auth', 'me'], get('/me'));
  add(['notices', 'unread-count'], get('/notices/unread-count'));
  var done = me;
  if (path === '/activities') {
    // BrowseActivitiesPage: the towns, the volunteer's sign-ups (SignupButton) and the first page of upcoming activities
    // in the volunteer's own town (their home station's town, matched by name as the page does)
    var towns = add(['lookup', 'regions', 'town'], get('/regions?level=town'));
    var mine = add(
      ['signups', 'mine'],
      get('/me/activities?pageSize=100').then(function (page) {
        var map = {};
        for (var i = 0; i < page.items.length; i++) map[page.items[i].id] = page.items[i].signupStatus;
        return map;
      }),
    );
    // today in Shanghai as YYYY-MM-DD (src/lib/dates.ts todayShanghai; UTC+8 all year, no daylight saving). Not with
    // Intl.DateTimeFormat: its first use with a time zone costs ~25 ms of main thread on a slow phone
    var today = new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    var homeTown = null;
    var list = me.then(function (m) {
      var townName = (m && m.volunteer && m.volunteer.townName) || null;
      return (townName ? towns : Promise.resolve(null)).then(function (rs) {
        var townId;
        if (townName) {
          for (var i = 0; i < rs.length; i++) if (rs[i].name === townName) townId = rs[i].id;
        }
        homeTown = townId ? townName : null; // the picker shows 全县 when the town is not found, as the page does
        var filter = { status: 'published', from: today, sort: 'asc', townId: townId, page: 1, pageSize: 10 };
        var q = 'status=published&from=' + today + '&sort=asc' + (townId ? '&townId=' + encodeURIComponent(townId) : '') + '&page=1&pageSize=10';
        return add(['activities', 'list', filter], get('/activities?' + q));
      });
    });
    // the first cards, painted before React: the largest paint of the page no longer waits for the app's JavaScript.
    // The entry (src/main.tsx) asks for the app once they are on screen (the frame after the paint), or once the list
    // has failed, or after 2.5 s whatever happened: a slow answer never holds the app back for long.
    window.__wenmingPainted = new Promise(function (resolve) {
      var timer = setTimeout(resolve, 2500);
      function go() {
        clearTimeout(timer);
        if (typeof window.requestAnimationFrame === 'function') {
          window.requestAnimationFrame(function () {
            setTimeout(resolve, 0);
          });
        } else resolve();
      }
      list
        .then(function (page) {
          paintActivities(page, homeTown);
        })
        .then(go, go);
    });
    done = Promise.all([list, towns, mine]);
  }
  window.__wenmingBoot = {
    entries: entries,
    // settles when every request above (including the list that waits for /me and the towns) has settled
    settled: done.then(
      function () {
        return Promise.all(entries.map(function (e) { return e.promise.catch(function () {}); }));
      },
      function () {
        return Promise.all(entries.map(function (e) { return e.promise.catch(function () {}); }));
      },
    ),
  };
})();
