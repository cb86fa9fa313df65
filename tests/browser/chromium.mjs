// A headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe),
// with nothing but Node's standard library: it opens pages, reports every console error, uncaught
// exception, failed load and request to the network, evaluates expressions in the page and takes
// screenshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kCommandTimeoutMs = 60_000;

export class Chromium {
  // `executable`: the chromium program (Debian's /usr/bin/chromium by default).
  static async launch(executable = process.env.CHROMIUM || 'chromium') {
    const browser = new Chromium(executable);
    await browser.send('Browser.getVersion');
    return browser;
  }

  constructor(executable) {
    this.profile = mkdtempSync(join(tmpdir(), 'parley-chromium-'));
    const flags = [
      '--headless', '--remote-debugging-pipe', `--user-data-dir=${this.profile}`,
      // CI runs as root, where Chromium's sandbox cannot start.
      '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--no-default-browser-check',
      '--disable-extensions', '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--hide-scrollbars', '--mute-audio', '--font-render-hinting=none', 'about:blank',
    ];
    // In a process group of its own, so that close() can end the helper processes it starts too.
    this.process = spawn(executable, flags, { stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true });
    this.stderr = '';
    this.process.stderr.on('data', (chunk) => { this.stderr = (this.stderr + chunk).slice(-4000); });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.process.on('error', (error) => this.fail(new Error(`cannot start ${executable}: ${error.message}`)));
    this.process.on('exit', (code, signal) =>
      this.fail(new Error(`${executable} exited (${code ?? signal}); its last output:\n${this.stderr}`)));
    this.writer = this.process.stdio[3];
    this.reader = this.process.stdio[4];
    this.nextId = 1;
    this.pending = new Map();
    this.listeners = new Set();
    let buffer = Buffer.alloc(0);
    this.reader.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      let end;
      while ((end = buffer.indexOf(0)) >= 0) {
        const message = JSON.parse(buffer.subarray(0, end).toString('utf8'));
        buffer = buffer.subarray(end + 1);
        this.dispatch(message);
      }
    });
  }

  dispatch(message) {
    if (message.id !== undefined) {
      const waiter = this.pending.get(message.id);
      if (!waiter) return;
      this.pending.delete(message.id);
      clearTimeout(waiter.timer);
      if (message.error) waiter.reject(new Error(`${waiter.method}: ${message.error.message}`));
      else waiter.resolve(message.result);
      return;
    }
    for (const listener of this.listeners) listener(message);
  }

  fail(error) {
    for (const waiter of this.pending.values()) {
      clearTimeout(waiter.timer);
      waiter.reject(error);
    }
    this.pending.clear();
  }

  send(method, params = {}, sessionId = undefined) {
    const id = this.nextId++;
    const message = { id, method, params };
    if (sessionId) message.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`${method}: no answer within ${kCommandTimeoutMs / 1000} s`));
      }, kCommandTimeoutMs);
      this.pending.set(id, { resolve, reject, timer, method });
      this.writer.write(JSON.stringify(message) + '\0');
    });
  }

  // Resolves with the first event `method` of `sessionId` for which `accept(params)` holds.
  waitFor(method, sessionId, accept = () => true, timeoutMs = kCommandTimeoutMs) {
    return new Promise((resolve, reject) => {
      const listener = (message) => {
        if (message.method === method && message.sessionId === sessionId && accept(message.params)) {
          this.listeners.delete(listener);
          clearTimeout(timer);
          resolve(message.params);
        }
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`no ${method} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }

  // A new tab of `width` x `height` CSS pixels that records its problems in `page.problems`.
  async newPage(width = 1280, height = 900) {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    const page = new Page(this, targetId, sessionId);
    await page.start(width, height);
    return page;
  }

  async close() {
    try {
      await Promise.race([this.send('Browser.close'), new Promise((resolve) => setTimeout(resolve, 5000))]);
    } catch {
      // Closing a browser that already went away is fine.
    }
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    await this.exited;
    // Chromium's helper processes (zygote, utility, crash handler) can outlive the browser and go
    // on writing to the profile; end the whole group before removing it.
    try {
      process.kill(-this.process.pid, 'SIGKILL');
    } catch {
      // The group is already gone.
    }
    try {
      rmSync(this.profile, { recursive: true, force: true, maxRetries: 20, retryDelay: 100 });
    } catch (error) {
      // A temporary profile left behind is not a failure of the reports under test.
      console.error(`note: could not remove ${this.profile}: ${error.code}`);
    }
  }
}

class Page {
  constructor(browser, targetId, sessionId) {
    this.browser = browser;
    this.targetId = targetId;
    this.sessionId = sessionId;
    this.problems = [];
    browser.listeners.add((message) => {
      if (message.sessionId !== sessionId) return;
      const p = message.params;
      switch (message.method) {
        case 'Runtime.consoleAPICalled':
          if (p.type === 'error' || p.type === 'assert') {
            this.problems.push(`console.${p.type}: ${p.args.map((a) => a.value ?? a.description).join(' ')}`);
          }
          break;
        case 'Runtime.exceptionThrown':
          this.problems.push(`uncaught exception: ${p.exceptionDetails.exception?.description ?? p.exceptionDetails.text}`);
          break;
        case 'Log.entryAdded':
          if (p.entry.level === 'error') this.problems.push(`${p.entry.source} error: ${p.entry.text} ${p.entry.url ?? ''}`);
          break;
        case 'Network.requestWillBeSent':
          if (!/^(file|data|about):/.test(p.request.url)) this.problems.push(`network request: ${p.request.url}`);
          break;
        case 'Network.loadingFailed':
          this.problems.push(`failed to load: ${p.errorText}`);
          break;
        default:
          break;
      }
    });
  }

  send(method, params = {}) { return this.browser.send(method, params, this.sessionId); }

  async start(width, height) {
    await Promise.all(['Runtime.enable', 'Log.enable', 'Page.enable', 'Network.enable'].map((m) => this.send(m)));
    await this.resize(width, height);
  }

  resize(width, height) {
    return this.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
  }

  async open(url) {
    const loaded = this.browser.waitFor('Page.loadEventFired', this.sessionId);
    const { errorText } = await this.send('Page.navigate', { url });
    if (errorText) throw new Error(`cannot open ${url}: ${errorText}`);
    await loaded;
  }

  // The value of a JavaScript expression evaluated in the page (JSON-serialisable).
  async evaluate(expression) {
    const { result, exceptionDetails } = await this.send('Runtime.evaluate', {
      expression, returnByValue: true, awaitPromise: true,
    });
    if (exceptionDetails) throw new Error(`evaluating ${expression}: ${exceptionDetails.exception?.description}`);
    return result.value;
  }

  // A PNG of the page from its top, `height` CSS pixels tall (the whole page if absent).
  async screenshot(height = undefined) {
    const { cssContentSize } = await this.send('Page.getLayoutMetrics');
    const width = Math.ceil(cssContentSize.width);
    const clipHeight = Math.ceil(Math.min(height ?? cssContentSize.height, cssContentSize.height));
    const { data } = await this.send('Page.captureScreenshot', {
      format: 'png', captureBeyondViewport: true, clip: { x: 0, y: 0, width, height: clipHeight, scale: 1 },
    });
    return Buffer.from(data, 'base64');
  }

  close() { return this.browser.send('Target.closeTarget', { targetId: this.targetId }); }
}
