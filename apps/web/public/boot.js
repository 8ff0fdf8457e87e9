/* global window */
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
    var list = me.then(function (m) {
      var townName = (m && m.volunteer && m.volunteer.townName) || null;
      return (townName ? towns : Promise.resolve(null)).then(function (rs) {
        var townId;
        if (townName) {
          for (var i = 0; i < rs.length; i++) if (rs[i].name === townName) townId = rs[i].id;
        }
        var filter = { status: 'published', from: today, sort: 'asc', townId: townId, page: 1, pageSize: 10 };
        var q = 'status=published&from=' + today + '&sort=asc' + (townId ? '&townId=' + encodeURIComponent(townId) : '') + '&page=1&pageSize=10';
        return add(['activities', 'list', filter], get('/activities?' + q));
      });
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
