import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemDto } from '@wenming/shared';
import { loadWebIndex } from './web-index';

function fakeDist(withManifest = true): string {
  const dist = mkdtempSync(join(tmpdir(), 'wm-web-index-'));
  mkdirSync(join(dist, 'assets'));
  mkdirSync(join(dist, '.vite'));
  writeFileSync(join(dist, 'assets', 'index-abc.css'), 'body{background:#f5f5f5}');
  writeFileSync(
    join(dist, 'index.html'),
    [
      '<!doctype html><html><head>',
      '<script type="module" crossorigin src="/assets/index-e1.js"></script>',
      '<link rel="stylesheet" crossorigin href="/assets/index-abc.css">',
      '</head><body>',
      '<template id="public-shell"><header>清水县 · 文明实践志愿服务平台</header><main><!--page--></main></template>',
      '<template id="page-login"><h1>登录</h1></template>',
      '<div id="root"></div></body></html>',
    ].join('\n'),
  );
  if (withManifest) {
    const manifest = {
      // the entry (src/main.tsx) imports the app dynamically
      'index.html': { file: 'assets/index-e1.js', dynamicImports: ['src/app-main.tsx'] },
      'src/app-main.tsx': { file: 'assets/app-main-m1.js', imports: ['index.html', '_vendor-v1.js'] },
      '_vendor-v1.js': { file: 'assets/vendor-v1.js' },
      '_form-f1.js': { file: 'assets/form-f1.js', imports: ['_vendor-v1.js'] },
      'src/app/routes/login.tsx': { file: 'assets/login-l1.js', imports: ['index.html', '_vendor-v1.js', '_form-f1.js'] },
      'src/app/layouts/authed-layout.tsx': { file: 'assets/authed-a1.js', imports: ['index.html'] },
      'src/app/routes/browse-activities.tsx': { file: 'assets/browse-b1.js', imports: ['index.html', '_form-f1.js'] },
    };
    writeFileSync(join(dist, '.vite', 'manifest.json'), JSON.stringify(manifest));
  }
  return dist;
}

const preloads = (html: string) => [...html.matchAll(/rel="modulepreload" (?:fetchpriority="low" )?crossorigin href="\/(assets\/[^"]+)"/g)].map((m) => m[1]);

describe('index.html for a client route (first load on a slow phone)', () => {
  it('/login: preloads the page chunk and its imports once, inlines the small stylesheet, paints the public header in #root', () => {
    const html = loadWebIndex(fakeDist()).htmlFor('/login');
    // the app (imported by the entry at once), then the page and its imports, each once
    expect(preloads(html)).toEqual(['assets/app-main-m1.js', 'assets/vendor-v1.js', 'assets/login-l1.js', 'assets/form-f1.js']);
    expect(html).toContain('<style>body{background:#f5f5f5}</style>');
    expect(html).not.toContain('index-abc.css');
    expect(html).toContain('<div id="root"><header>清水县 · 文明实践志愿服务平台</header><main><h1>登录</h1></main></div>');
    expect(html).not.toContain('<template');
    // the shell paints without the chunks: none of them is fetched at High priority
    expect(html).not.toMatch(/rel="modulepreload" crossorigin/);
  });

  it("a volunteer's page: the logged-in layout and the page preloaded, no public header", () => {
    const html = loadWebIndex(fakeDist()).htmlFor('/activities');
    expect(preloads(html)).toEqual(['assets/app-main-m1.js', 'assets/vendor-v1.js', 'assets/authed-a1.js', 'assets/browse-b1.js', 'assets/form-f1.js']);
    expect(html).toContain('<div id="root"></div>');
    expect(html).not.toContain('fetchpriority');
  });

  it("a station's menu: the header without a page heading, and its public menu-items request preloaded (UUIDs only)", () => {
    const index = loadWebIndex(fakeDist());
    const id = 'c32c1116-61e1-4e7b-a55e-1dac0d0ef3f1';
    const html = index.htmlFor(`/menu/${id}`);
    expect(html).toContain(`<link rel="preload" as="fetch" crossorigin href="/api/v1/menu-items?siteId=${id}&page=1&pageSize=100">`);
    expect(html).toContain('<div id="root"><header>清水县 · 文明实践志愿服务平台</header><main><!--page--></main></div><!--/root-->');
    const odd = index.htmlFor('/menu/"><script>x</script>');
    expect(odd).not.toContain('<script>x');
    expect(odd).not.toContain('rel="preload" as="fetch"');
  });

  it("a station's menu with its items: the page painted by the server (escaped) and the same items as JSON for the query cache", () => {
    const index = loadWebIndex(fakeDist());
    const id = 'c32c1116-61e1-4e7b-a55e-1dac0d0ef3f1';
    const item = (over: Partial<MenuItemDto>): MenuItemDto => ({
      id: 'a1',
      siteId: id,
      siteName: '清河社区',
      title: '理发 <b>$&</b>',
      category: 'health',
      description: '上门理发</script>',
      teamIds: [],
      teams: [],
      active: true,
      createdAt: '2026-01-01T00:00:00.000Z',
      ...over,
    });
    const items = [item({}), item({ id: 'a2', siteId: null, title: '义诊', description: '' }), item({ id: 'a3', title: '下架', active: false })];
    const html = index.htmlFor(`/menu/${id.toUpperCase()}`, { menu: { items, total: 3 } });
    expect(html).toContain('服务菜单</h3>');
    expect(html).toContain('理发 &#60;b&#62;$&#38;&#60;/b&#62;');
    expect(html).toContain('健康义诊');
    expect(html).toContain('全县通用');
    expect(html).not.toContain('下架</strong>');
    expect(html).not.toContain('rel="preload" as="fetch"');
    const json = /<script type="application\/json" id="route-data">([^<]*)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(json!)).toEqual([{ queryKey: ['menu-items', id], data: items }]);
    // a menu longer than one page is left to the page (it fetches the rest)
    expect(index.htmlFor(`/menu/${id}`, { menu: { items, total: 300 } })).toContain('rel="preload" as="fetch"');
  });

  it("a volunteer's page with the volunteer header and /boot.js in the build: header painted, destination marked, boot script named by its hash", () => {
    const dist = fakeDist();
    const indexHtml = join(dist, 'index.html');
    writeFileSync(
      indexHtml,
      readFileSync(indexHtml, 'utf8').replace(
        '<div id="root">',
        '<template id="volunteer-shell"><header><a data-nav="activities">活动</a><a data-nav="record">我的记录</a></header><main><!--page--></main></template>\n' +
          '<template id="page-activities"><h1>近期活动</h1></template>\n<div id="root">',
      ),
    );
    writeFileSync(join(dist, 'boot.js'), 'void 0;');
    const index = loadWebIndex(dist);
    const html = index.htmlFor('/activities');
    expect(html).toContain(
      '<div id="root"><header><a data-nav="activities" aria-current="page">活动</a><a data-nav="record">我的记录</a></header><main><h1>近期活动</h1></main></div><!--/root-->',
    );
    // before the entry, deferred: it runs first, without holding the parser
    expect(html).toMatch(
      /<script defer fetchpriority="high" src="\/boot\.js\?v=[0-9a-f]{10}"><\/script>\n {4}<script type="module" crossorigin src="\/assets\/index-e1\.js">/,
    );
    expect(html).not.toContain('<template');
    // /activities is painted by boot.js from its API requests; the entry asks for the app once that is done, so
    // nothing is preloaded to compete with those requests
    expect(preloads(html)).toEqual([]);
    const record = index.htmlFor('/record');
    expect(record).toContain('<a data-nav="record" aria-current="page">我的记录</a></header><main></main>');
    // a page whose largest paint needs React keeps its chunks at High priority
    expect(preloads(record).length).toBeGreaterThan(0);
    expect(record).not.toContain('fetchpriority="low"');
    // the public pages neither get the volunteer header nor start the logged-in requests
    const login = index.htmlFor('/login');
    expect(login).not.toContain('boot.js');
    expect(login).not.toContain('data-nav');
    // a staff page: the requests start, the page's shell is the admin one (React's)
    const staff = index.htmlFor('/dashboard');
    expect(staff).toContain('boot.js?v=');
    expect(staff).toContain('<div id="root"></div>');
  });

  it('without a build manifest the page is served as built (minus the template)', () => {
    const html = loadWebIndex(fakeDist(false)).htmlFor('/login');
    expect(preloads(html)).toEqual([]);
    expect(html).toContain('<header>清水县');
  });
});
