/**
 * Runs the production WeChat build (dist/weapp) headless. miniprogram-simulate (j-component on
 * WeChat's own exparser, templates compiled by the official wcc) renders the pages; this file plays
 * the WeChat client around them: App/getApp/getCurrentPages, Page() as a Component whose attached
 * and ready lifetimes run onLoad(query)/onShow/onReady, a page stack behind wx.navigateTo & co.,
 * wx.request over Node's fetch, wx.login with a code the test chooses, in-memory storage, the
 * privacy prompt, and the device APIs the app touches (recorded for assertions).
 *
 * The DOM is a JSDOM of our own on the global object (its interfaces, window, document): vitest's
 * jsdom environment would also swap URL, AbortController & co., which the real server running in
 * the same process cannot live with.
 *
 * A test file may create several apps one after another (close() the previous one first); each
 * evaluates the bundles afresh, like a cold start.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const nodeRequire = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// The miniprogram-simulate / j-component surface used here. The package's own d.ts needs
// WeChat's typings and describes less than we use.

export interface SimComponent {
  readonly dom: HTMLElement;
  // biome-ignore lint/suspicious/noExplicitAny: the page instance is whatever the build defines
  readonly instance: any;
  readonly data: Record<string, unknown>;
  querySelector(selector: string): SimComponent | undefined;
  querySelectorAll(selector: string): SimComponent[];
  dispatchEvent(eventName: string, options?: Record<string, unknown>): void;
  attach(parent: Element): void;
  detach(): void;
}

interface Simulate {
  load(componentPath: string, tagName: string, options: Record<string, unknown>): string;
  render(id: string, properties?: Record<string, unknown>): SimComponent;
}

type Fn = (...args: never[]) => unknown;
type Definition = Record<string, unknown>;
type Options = Record<string, unknown> & {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
};

// ---------------------------------------------------------------------------------------------
// Process-wide pieces: the DOM and miniprogram-simulate (a singleton module).

interface DomWindow extends Record<string, unknown> {
  document: Document;
}

let dom: DomWindow | null = null;

/**
 * A JSDOM on the global object: its interfaces (Element, Node, HTMLElement, …) where Node has none,
 * jsdom's Event/CustomEvent (jsdom nodes dispatch only their own), window, document, navigator.
 */
export function installDom(): DomWindow {
  if (dom) return dom;
  const { JSDOM } = nodeRequire('jsdom') as {
    JSDOM: new (html: string, options: Record<string, unknown>) => { window: DomWindow };
  };
  const win = new JSDOM('<!doctype html><html><head></head><body></body></html>', {
    pretendToBeVisual: true,
    url: 'https://servicewechat.com/',
  }).window;
  const g = globalThis as Record<string, unknown>;
  const replace = new Set(['Event', 'CustomEvent']);
  for (const key of Object.getOwnPropertyNames(win)) {
    if (!/^[A-Z]/.test(key)) continue;
    if (key in g && !replace.has(key)) continue;
    g[key] = win[key];
  }
  for (const key of ['navigator', 'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame']) {
    if (!(key in g)) g[key] = typeof win[key] === 'function' ? (win[key] as Fn).bind(win) : win[key];
  }
  g.document = win.document;
  g.window = win;
  dom = win;
  return win;
}

interface SimulateParts {
  simulate: Simulate;
  utils: { runJs: (p: string) => void };
  /** simulate's Component(): registers with j-component the component simulate is loading. */
  component: (def: Definition) => void;
  /** simulate's wx mock (canIUse, nextTick, createSelectorQuery, …), the base of ours. */
  wxMock: Record<string, unknown>;
}

let sim: SimulateParts | null = null;

function loadSimulate(): SimulateParts {
  if (sim) return sim;
  installDom();
  const g = globalThis as Record<string, unknown>;
  const simulate = nodeRequire('miniprogram-simulate') as Simulate;
  sim = {
    simulate,
    utils: nodeRequire('miniprogram-simulate/src/utils') as SimulateParts['utils'],
    component: g.Component as SimulateParts['component'],
    wxMock: { ...(g.wx as Record<string, unknown>) },
  };
  return sim;
}

// ---------------------------------------------------------------------------------------------

export interface ApiCall {
  api: string;
  options: Record<string, unknown>;
}

export interface RequestRecord {
  method: string;
  url: string;
  status: number;
  body: unknown;
}

export interface MiniProgramOptions {
  /** The build folder (dist/weapp or a copy). */
  root: string;
  /** The API origin baked into the build … */
  builtApiOrigin: string;
  /** … and the server wx.request sends to instead. */
  serverUrl: string;
  /** The code wx.login hands out (the server's local WeChat adapter maps it to a stable openid). */
  loginCode: string;
  /** What wx.getLocation answers (GCJ-02). */
  location?: { latitude: number; longitude: number };
  /**
   * Whether the user already agreed to the privacy guide. If not, the first wx.getLocation calls
   * the app's wx.onNeedPrivacyAuthorization listener and waits for its answer, as WeChat does.
   */
  privacyAgreed?: boolean;
}

export interface Page {
  route: string;
  query: Record<string, string>;
  root: SimComponent;
  // biome-ignore lint/suspicious/noExplicitAny: the page instance (Taro's page config methods + exparser's)
  instance: any;
}

interface AppJson {
  pages: string[];
  subPackages?: Array<{ root: string; pages: string[] }>;
  tabBar?: { list: Array<{ pagePath: string }> };
}

/** "/pages/home/index?id=1" → route "pages/home/index", query {id: '1'}. */
export function parseUrl(url: string): { route: string; query: Record<string, string> } {
  const [pathPart, search = ''] = url.split('?');
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const [k, v = ''] = pair.split('=');
    query[decodeURIComponent(k)] = decodeURIComponent(v);
  }
  return { route: pathPart.replace(/^\/+/, ''), query };
}

let active: { close(): void } | null = null;

export function createMiniProgram(options: MiniProgramOptions) {
  if (active) throw new Error('close() the previous mini-program first');
  const { simulate, utils, component: simComponent, wxMock } = loadSimulate();
  const root = path.resolve(options.root);
  const appJson = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson;
  const allRoutes = new Set([
    ...appJson.pages,
    ...(appJson.subPackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`)),
  ]);
  const tabRoutes = new Set((appJson.tabBar?.list ?? []).map((t) => t.pagePath));
  const location = options.location ?? { latitude: 31.2412, longitude: 121.4983 };
  const g = globalThis as Record<string, unknown>;

  // ----- what tests read -----
  const calls: ApiCall[] = [];
  const requests: RequestRecord[] = [];
  const storage = new Map<string, unknown>();
  /** Exceptions thrown by page lifecycles, and pages that failed to open. */
  const errors: unknown[] = [];
  /** wx navigation calls that failed (the app may handle these, e.g. navigateTo → redirectTo). */
  const navFailures: string[] = [];
  const privacyAnswers: Array<{ event: string; buttonId?: string }> = [];
  let loginCode = options.loginCode;
  let privacyAgreed = options.privacyAgreed ?? true;
  let privacyListener:
    | ((resolve: (r: { event: string; buttonId?: string }) => void, eventInfo: { referrer: string }) => void)
    | null = null;
  let modalAnswer = { confirm: true, cancel: false };
  let closed = false;

  const record = (api: string, opts: unknown) => {
    calls.push({ api, options: opts && typeof opts === 'object' ? { ...(opts as object) } : { value: opts } });
  };
  // WeChat answers asynchronously; nothing reaches a closed app.
  const later = (fn: () => void) =>
    setTimeout(() => {
      if (!closed) fn();
    }, 0);
  const ok = (api: string, opts: Options | undefined, res: Record<string, unknown> = {}) => {
    const reply = { errMsg: `${api}:ok`, ...res };
    later(() => {
      opts?.success?.(reply);
      opts?.complete?.(reply);
    });
  };
  const fail = (api: string, opts: Options | undefined, reason: string, extra: Record<string, unknown> = {}) => {
    const reply = { errMsg: `${api}:fail ${reason}`, ...extra };
    later(() => {
      opts?.fail?.(reply);
      opts?.complete?.(reply);
    });
  };

  // ----- the bundles' CommonJS, evaluated in this realm. Node's require cannot load them: the
  // repo is "type": "module", so it would take dist/weapp/*.js for ES modules. -----
  const moduleCache = new Map<string, { exports: unknown }>();
  const withJs = (file: string) => (file.endsWith('.js') ? file : `${file}.js`);
  function requireFile(file: string): unknown {
    const full = withJs(path.resolve(file));
    const cached = moduleCache.get(full);
    if (cached) return cached.exports;
    const module = { exports: {} as unknown };
    moduleCache.set(full, module);
    const code = readFileSync(full, 'utf8');
    const fn = vm.runInThisContext(`(function (require, module, exports, __filename, __dirname) {${code}\n})`, {
      filename: full,
    }) as (...a: unknown[]) => void;
    const dir = path.dirname(full);
    fn((p: string) => requireFile(path.resolve(dir, p)), module, module.exports, full, dir);
    return module.exports;
  }

  // simulate.load() runs a component's file once per load, but webpack executes a module only
  // once: the second page to use the shared `comp` component would register nothing. Record each
  // file's Component()/Page() definition and replay it when the file is loaded again.
  const registered = new Map<string, Definition>();
  let loadingFile = '';
  let registeredDuringLoad = false;
  utils.runJs = (filePath: string) => {
    const key = withJs(path.resolve(filePath));
    loadingFile = key;
    registeredDuringLoad = false;
    try {
      requireFile(key);
      if (!registeredDuringLoad) {
        const def = registered.get(key);
        if (!def) throw new Error(`${key} registered no Component or Page`);
        simComponent(def);
      }
    } finally {
      loadingFile = '';
    }
  };
  const registerComponent = (def: Definition) => {
    registered.set(loadingFile, def);
    registeredDuringLoad = true;
    simComponent(def);
  };

  // The page being opened: its attached lifetime runs onLoad with this query.
  let opening: { route: string; query: Record<string, string> } | null = null;
  function pageComponent(cfg: Definition): Definition {
    const methods: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(cfg)) if (typeof value === 'function') methods[key] = value;
    return {
      data: cfg.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, unknown>) {
          const target = opening;
          if (!target) throw new Error('a page was attached outside navigation');
          this.route = target.route;
          this.__route__ = target.route;
          this.options = target.query;
          guard(() => (this.onLoad as Fn | undefined)?.call(this, target.query as never));
          guard(() => (this.onShow as Fn | undefined)?.call(this));
        },
        ready(this: Record<string, unknown>) {
          guard(() => (this.onReady as Fn | undefined)?.call(this));
        },
      },
    };
  }
  const registerPage = (cfg: Definition) => registerComponent(pageComponent(cfg));
  const registerApp = (cfg: Record<string, Fn>) => {
    app = cfg;
  };

  function guard(fn: () => unknown) {
    try {
      fn();
    } catch (error) {
      errors.push(error);
      throw error;
    }
  }

  // ----- App, pages, navigation -----
  let app: Record<string, Fn> | null = null;
  const stack: Page[] = [];
  const aliveTabs = new Map<string, Page>();
  const host = document.createElement('div');
  document.body.appendChild(host);

  const componentIds = new Map<string, string>();
  function mustExist(route: string) {
    if (!allRoutes.has(route)) throw new Error(`page "${route}" is not in app.json`);
  }
  function open(route: string, query: Record<string, string>): Page {
    mustExist(route);
    let id = componentIds.get(route);
    if (!id) {
      id = simulate.load(path.join(root, route), 'page', { rootPath: root, compiler: 'official' });
      componentIds.set(route, id);
    }
    const rootComp = simulate.render(id);
    opening = { route, query };
    try {
      rootComp.attach(host);
    } finally {
      opening = null;
    }
    return { route, query, root: rootComp, instance: rootComp.instance };
  }

  function hide(page: Page | undefined) {
    if (!page) return;
    page.instance.onHide?.();
    page.root.dom.style.display = 'none';
  }
  function show(page: Page) {
    page.root.dom.style.display = '';
    page.instance.onShow?.();
  }
  function unload(page: Page) {
    page.instance.onUnload?.();
    page.root.detach();
    if (aliveTabs.get(page.route) === page) aliveTabs.delete(page.route);
  }

  /** WeChat's page stack rules (10 pages at most; tab pages stay alive once opened). */
  const nav = {
    navigateTo(url: string) {
      const { route, query } = parseUrl(url);
      if (tabRoutes.has(route)) throw new Error('can not navigateTo a tabbar page');
      if (stack.length >= 10) throw new Error('webview count limit exceed');
      mustExist(route);
      hide(stack.at(-1));
      stack.push(open(route, query));
    },
    redirectTo(url: string) {
      const { route, query } = parseUrl(url);
      if (tabRoutes.has(route)) throw new Error('can not redirectTo a tabbar page');
      mustExist(route);
      const top = stack.pop();
      if (top) unload(top);
      stack.push(open(route, query));
    },
    navigateBack(delta = 1) {
      if (stack.length <= 1) throw new Error('cannot navigate back at first page.');
      const n = Math.min(Math.max(1, delta), stack.length - 1);
      for (let i = 0; i < n; i++) unload(stack.pop() as Page);
      show(stack.at(-1) as Page);
    },
    switchTab(url: string) {
      const { route } = parseUrl(url);
      if (!tabRoutes.has(route)) throw new Error('can not switch to no-tabBar page');
      const top = stack.at(-1);
      while (stack.length) {
        const page = stack.pop() as Page;
        if (!tabRoutes.has(page.route)) unload(page);
        else if (page === top && page.route !== route) hide(page);
      }
      const existing = aliveTabs.get(route);
      if (existing) {
        stack.push(existing);
        if (existing !== top) show(existing);
      } else {
        const page = open(route, {});
        aliveTabs.set(route, page);
        stack.push(page);
      }
    },
    reLaunch(url: string) {
      const { route, query } = parseUrl(url);
      mustExist(route);
      while (stack.length) unload(stack.pop() as Page);
      for (const page of [...aliveTabs.values()]) unload(page);
      const page = open(route, query);
      if (tabRoutes.has(route)) aliveTabs.set(route, page);
      stack.push(page);
    },
  };

  const navApi = (api: keyof typeof nav, run: (o: Options) => void) => (o: Options) => {
    record(api, o);
    try {
      run(o ?? {});
    } catch (error) {
      const message = (error as Error).message;
      navFailures.push(`${api}: ${message}`);
      if (message.includes('not in app.json')) errors.push(error);
      fail(api, o, message);
      return;
    }
    ok(api, o);
  };

  // ----- wx -----
  const rewrite = (url: string) =>
    url.startsWith(options.builtApiOrigin) ? options.serverUrl + url.slice(options.builtApiOrigin.length) : url;

  const systemInfo = {
    brand: 'iPhone',
    model: 'iPhone 13',
    pixelRatio: 3,
    screenWidth: 390,
    screenHeight: 844,
    windowWidth: 390,
    windowHeight: 763,
    statusBarHeight: 47,
    language: 'zh_CN',
    version: '8.0.50',
    system: 'iOS 17.5',
    platform: 'ios',
    fontSizeSetting: 16,
    SDKVersion: '3.5.7',
    theme: 'light',
    safeArea: { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 },
  };
  const launchOptions = { path: appJson.pages[0], scene: 1001, query: {}, referrerInfo: {}, apiCategory: 'default' };

  function answerLocation(o: Options) {
    ok('getLocation', o, {
      latitude: location.latitude,
      longitude: location.longitude,
      speed: -1,
      accuracy: 30,
      altitude: 0,
      verticalAccuracy: 0,
      horizontalAccuracy: 30,
    });
  }

  const wx: Record<string, unknown> = {
    ...wxMock,

    request(o: Options) {
      const method = String(o.method ?? 'GET').toUpperCase();
      let url = rewrite(String(o.url));
      const headers: Record<string, string> = { ...((o.header as Record<string, string>) ?? {}) };
      let body: string | undefined;
      if (o.data !== undefined && o.data !== null) {
        if (method === 'GET') {
          // WeChat turns GET data into a query string.
          if (typeof o.data === 'object') {
            const qs = new URLSearchParams(o.data as Record<string, string>).toString();
            if (qs) url += (url.includes('?') ? '&' : '?') + qs;
          }
        } else body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data);
      }
      if (body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) {
        headers['content-type'] = 'application/json';
      }
      record('request', { ...o, url });
      let aborted = false;
      const timeoutMs = typeof o.timeout === 'number' ? o.timeout : 60_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      });
      const parsedBody = body === undefined ? undefined : safeJson(body);
      Promise.race([fetch(url, { method, headers, body }), timeout])
        .then(async (res) => {
          const text = await res.text();
          requests.push({ method, url, status: res.status, body: parsedBody });
          if (aborted || closed) return;
          const data = (o.dataType ?? 'json') === 'json' ? safeJson(text) : text;
          const header: Record<string, string> = {};
          res.headers.forEach((v, k) => {
            header[k] = v;
          });
          const reply = { errMsg: 'request:ok', statusCode: res.status, data, header, cookies: [] };
          o.success?.(reply);
          o.complete?.(reply);
        })
        .catch((error: Error) => {
          requests.push({ method, url, status: 0, body: parsedBody });
          if (aborted || closed) return;
          const reply = { errMsg: `request:fail ${error.message}` };
          o.fail?.(reply);
          o.complete?.(reply);
        })
        .finally(() => clearTimeout(timer));
      return {
        abort() {
          aborted = true;
        },
        onHeadersReceived() {},
        offHeadersReceived() {},
        onChunkReceived() {},
        offChunkReceived() {},
      };
    },

    login(o: Options) {
      record('login', o);
      ok('login', o, { code: loginCode });
    },
    checkSession(o: Options) {
      ok('checkSession', o);
    },

    // Storage keeps copies, and answers '' for a missing key, as WeChat does.
    getStorageSync: (key: string) => (storage.has(key) ? structuredClone(storage.get(key)) : ''),
    setStorageSync: (key: string, value: unknown) => {
      storage.set(key, structuredClone(value));
    },
    removeStorageSync: (key: string) => {
      storage.delete(key);
    },
    clearStorageSync: () => storage.clear(),
    getStorageInfoSync: () => ({ keys: [...storage.keys()], currentSize: 0, limitSize: 10240 }),
    getStorage(o: Options) {
      const key = String(o.key);
      if (storage.has(key)) ok('getStorage', o, { data: structuredClone(storage.get(key)) });
      else fail('getStorage', o, 'data not found');
    },
    setStorage(o: Options) {
      storage.set(String(o.key), structuredClone(o.data));
      ok('setStorage', o);
    },
    removeStorage(o: Options) {
      storage.delete(String(o.key));
      ok('removeStorage', o);
    },
    clearStorage(o: Options) {
      storage.clear();
      ok('clearStorage', o);
    },

    showToast(o: Options) {
      record('showToast', o);
      ok('showToast', o);
    },
    hideToast(o?: Options) {
      ok('hideToast', o);
    },
    showLoading(o: Options) {
      record('showLoading', o);
      ok('showLoading', o);
    },
    hideLoading(o?: Options) {
      ok('hideLoading', o);
    },
    showModal(o: Options) {
      record('showModal', o);
      ok('showModal', o, { ...modalAnswer });
    },
    showActionSheet(o: Options) {
      record('showActionSheet', o);
      fail('showActionSheet', o, 'cancel');
    },
    setNavigationBarTitle(o: Options) {
      record('setNavigationBarTitle', o);
      ok('setNavigationBarTitle', o);
    },
    stopPullDownRefresh(o?: Options) {
      ok('stopPullDownRefresh', o);
    },
    // Recorded: a page offers or hides 分享到朋友圈 (menus: ['shareTimeline']) this way.
    showShareMenu(o?: Options) {
      record('showShareMenu', o);
      ok('showShareMenu', o);
    },
    hideShareMenu(o?: Options) {
      record('hideShareMenu', o);
      ok('hideShareMenu', o);
    },

    getLocation(o: Options) {
      record('getLocation', o);
      if (privacyAgreed) return answerLocation(o);
      if (!privacyListener) {
        // WeChat would show its own prompt; a test that wants it answered passes privacyAgreed.
        return fail('getLocation', o, 'privacy permission is not authorized', { errno: 104 });
      }
      // WeChat names the API that asked in eventInfo.referrer.
      privacyListener(
        (answer) => {
          privacyAnswers.push(answer);
          if (answer?.event === 'agree') {
            privacyAgreed = true;
            answerLocation(o);
          } else fail('getLocation', o, 'privacy permission is not authorized', { errno: 104 });
        },
        { referrer: 'getLocation' },
      );
    },
    onNeedPrivacyAuthorization(listener: typeof privacyListener) {
      record('onNeedPrivacyAuthorization', {});
      privacyListener = listener;
    },
    getPrivacySetting(o: Options) {
      ok('getPrivacySetting', o, { needAuthorization: !privacyAgreed, privacyContractName: '《社区云隐私保护指引》' });
    },
    openPrivacyContract(o: Options) {
      record('openPrivacyContract', o);
      ok('openPrivacyContract', o);
    },
    makePhoneCall(o: Options) {
      record('makePhoneCall', o);
      ok('makePhoneCall', o);
    },
    openLocation(o: Options) {
      record('openLocation', o);
      ok('openLocation', o);
    },

    getSystemInfoSync: () => ({ ...systemInfo }),
    getSystemInfo(o: Options) {
      ok('getSystemInfo', o, { ...systemInfo });
    },
    getWindowInfo: () => ({
      pixelRatio: systemInfo.pixelRatio,
      screenWidth: systemInfo.screenWidth,
      screenHeight: systemInfo.screenHeight,
      windowWidth: systemInfo.windowWidth,
      windowHeight: systemInfo.windowHeight,
      statusBarHeight: systemInfo.statusBarHeight,
      safeArea: { ...systemInfo.safeArea },
      screenTop: 0,
    }),
    getAppBaseInfo: () => ({
      SDKVersion: systemInfo.SDKVersion,
      enableDebug: false,
      host: { env: 'WeChat' },
      language: systemInfo.language,
      version: systemInfo.version,
      theme: systemInfo.theme,
      fontSizeSetting: systemInfo.fontSizeSetting,
    }),
    getDeviceInfo: () => ({
      brand: systemInfo.brand,
      model: systemInfo.model,
      system: systemInfo.system,
      platform: systemInfo.platform,
      benchmarkLevel: 1,
      abi: 'arm64',
      deviceAbi: 'arm64',
      cpuType: '',
      memorySize: '4096',
    }),
    getLaunchOptionsSync: () => structuredClone(launchOptions),
    getEnterOptionsSync: () => structuredClone(launchOptions),

    navigateTo: navApi('navigateTo', (o) => nav.navigateTo(String(o.url))),
    redirectTo: navApi('redirectTo', (o) => nav.redirectTo(String(o.url))),
    navigateBack: navApi('navigateBack', (o) => nav.navigateBack(Number(o.delta ?? 1))),
    switchTab: navApi('switchTab', (o) => nav.switchTab(String(o.url))),
    reLaunch: navApi('reLaunch', (o) => nav.reLaunch(String(o.url))),
  };

  // The globals a WeChat app sees. Taro reads wx's keys and getCurrentPages once, when taro.js runs.
  Object.assign(g, {
    wx,
    App: registerApp,
    getApp: () => app,
    getCurrentPages: () => stack.map((p) => p.instance),
    Page: registerPage,
    Component: registerComponent,
  });

  function currentPage(): Page {
    const page = stack.at(-1);
    if (!page) throw new Error('no page is open');
    return page;
  }

  let launched = false;
  const controller = {
    root,
    calls,
    requests,
    storage,
    errors,
    navFailures,
    privacyAnswers,
    get app() {
      return app;
    },
    get privacyAgreed() {
      return privacyAgreed;
    },
    setLoginCode(code: string) {
      loginCode = code;
    },
    setModalAnswer(answer: { confirm: boolean; cancel: boolean }) {
      modalAnswer = answer;
    },
    callsOf(api: string) {
      return calls.filter((c) => c.api === api);
    },
    /** A cold start: app.js, App.onLaunch/onShow, then the entry page (a tab page, or a shared card). */
    launch(entry = `/${appJson.pages[0]}`) {
      if (launched) throw new Error('already launched');
      launched = true;
      const { route, query } = parseUrl(entry);
      Object.assign(launchOptions, { path: route, query });
      requireFile(path.join(root, 'app.js'));
      if (!app) throw new Error('app.js did not call App()');
      app.onLaunch?.call(app, structuredClone(launchOptions) as never);
      app.onShow?.call(app, structuredClone(launchOptions) as never);
      nav.reLaunch(entry);
      return currentPage();
    },
    currentPage,
    pages: () => [...stack],
    /** What WeChat itself does (e.g. open a shared card: nav.reLaunch(path)). */
    nav,
    find(selector: string, page = currentPage()) {
      return page.root.querySelector(selector);
    },
    /** Taps the node with this id (Taro's handler finds its node by id / data-sid). */
    tap(selector: string, page = currentPage()) {
      const target = page.root.querySelector(selector);
      if (!target) throw new Error(`nothing matches ${selector} on ${page.route}`);
      target.dispatchEvent('tap');
    },
    /**
     * The user taps a button with open-type="agreePrivacyAuthorization": WeChat records consent
     * and fires the button's agreeprivacyauthorization event.
     */
    agreePrivacy(selector: string, page = currentPage()) {
      const target = page.root.querySelector(selector);
      if (!target) throw new Error(`nothing matches ${selector} on ${page.route}`);
      target.dispatchEvent('tap');
      target.dispatchEvent('agreeprivacyauthorization', { detail: {} });
    },
    /** The page's rendered text (a render error leaves it empty). */
    text(page = currentPage()) {
      return page.root.dom.textContent ?? '';
    },
    close() {
      if (closed) return;
      closed = true;
      for (const page of stack.splice(0)) page.root.detach();
      for (const page of aliveTabs.values()) page.root.detach();
      aliveTabs.clear();
      host.remove();
      active = null;
    },
  };
  active = controller;
  return controller;
}

export type MiniProgram = ReturnType<typeof createMiniProgram>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Polls until `check` returns something truthy without throwing, and returns it. */
export async function waitFor<T>(
  check: () => T | Promise<T>,
  { timeout = 10_000, interval = 20, describe }: { timeout?: number; interval?: number; describe?: () => string } = {},
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeout;
  for (;;) {
    let last: unknown;
    try {
      const value = await check();
      if (value) return value as NonNullable<T>;
      last = 'the condition stayed false';
    } catch (error) {
      last = error instanceof Error ? error.message : error;
    }
    if (Date.now() > deadline) {
      const detail = describe ? `\n${describe()}` : '';
      throw new Error(`waitFor: gave up after ${timeout} ms: ${String(last)}${detail}`);
    }
    await new Promise((r) => setTimeout(r, interval));
  }
}
