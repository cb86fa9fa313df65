// A headless Chromium driven over the DevTools protocol through a pipe (--remote-debugging-pipe),
// with nothing but Node's standard library: it opens pages, reports every console error, uncaught
// exception, failed load and request to the network, evaluates expressions in the page, clicks,
// types and presses keys as a person does (the Input domain), and takes screenshots.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const kCommandTimeoutMs = 60_000;

// The keys press() knows, as the Input domain describes them.
const kKeys = {
  Enter: { code: 'Enter', windowsVirtualKeyCode: 13, text: '\r' },
  Tab: { code: 'Tab', windowsVirtualKeyCode: 9 },
  Escape: { code: 'Escape', windowsVirtualKeyCode: 27 },
  Backspace: { code: 'Backspace', windowsVirtualKeyCode: 8 },
  ArrowLeft: { code: 'ArrowLeft', windowsVirtualKeyCode: 37 },
  ArrowUp: { code: 'ArrowUp', windowsVirtualKeyCode: 38 },
  ArrowRight: { code: 'ArrowRight', windowsVirtualKeyCode: 39 },
  ArrowDown: { code: 'ArrowDown', windowsVirtualKeyCode: 40 },
  Home: { code: 'Home', windowsVirtualKeyCode: 36 },
  End: { code: 'End', windowsVirtualKeyCode: 35 },
};

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
    // Origins the page may load from besides files (a server under test); anything else is a problem.
    this.allowedOrigins = [];
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
          if (!/^(file|data|about|blob):/.test(p.request.url) && !this.allowedOrigins.some((o) => p.request.url.startsWith(`${o}/`))) {
            this.problems.push(`network request: ${p.request.url}`);
          }
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

  // Resolves with the value of `expression` once it is truthy; rejects after `timeoutMs`.
  async waitUntil(expression, what = expression, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await this.evaluate(expression);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs / 1000} s for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  // The centre of the first element matching `selector`, scrolled into view, in CSS pixels.
  async centre(selector) {
    const box = await this.evaluate(`(() => {
      const e = document.querySelector(${JSON.stringify(selector)});
      if (!e) return null;
      e.scrollIntoView({ block: 'center', inline: 'center' });
      const r = e.getBoundingClientRect();
      return { x: r.left + r.width / 2, y: r.top + r.height / 2, width: r.width, height: r.height };
    })()`);
    if (!box) throw new Error(`no element matches ${selector}`);
    if (!box.width || !box.height) throw new Error(`${selector} is not shown`);
    return box;
  }

  // A left click in the middle of the first element matching `selector`, as a mouse makes it.
  async click(selector) {
    const { x, y } = await this.centre(selector);
    await this.send('Input.dispatchMouseEvent', { type: 'mouseMoved', x, y });
    await this.send('Input.dispatchMouseEvent', { type: 'mousePressed', x, y, button: 'left', buttons: 1, clickCount: 1 });
    await this.send('Input.dispatchMouseEvent', { type: 'mouseReleased', x, y, button: 'left', buttons: 0, clickCount: 1 });
  }

  // Moves the keyboard's focus to the first element matching `selector` (as Tab would).
  async focus(selector) {
    await this.centre(selector);
    await this.evaluate(`document.querySelector(${JSON.stringify(selector)}).focus()`);
  }

  // One press of `key` (a name of kKeys, or a printable character) on the focused element.
  async press(key, modifiers = 0) {
    const known = kKeys[key];
    const event = known ? { key, ...known }
      : { key, text: key, code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : '', windowsVirtualKeyCode: key.toUpperCase().charCodeAt(0) };
    const { text, ...up } = event;
    await this.send('Input.dispatchKeyEvent', { type: text === undefined ? 'rawKeyDown' : 'keyDown', modifiers, ...event });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', modifiers, ...up });
  }

  // Types `text` into the focused element as a keyboard's input does.
  async type(text) {
    await this.send('Input.insertText', { text });
  }

  // Replaces the text of the field `selector`: a click into it, select all, then the new text.
  async fill(selector, text) {
    await this.click(selector);
    await this.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65,
      modifiers: 2, commands: ['selectAll'] });
    await this.send('Input.dispatchKeyEvent', { type: 'keyUp', key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65, modifiers: 2 });
    await this.type(text);
  }

  // Chooses the option `value` of the select `selector` with the arrow keys, as a person does
  // with the keyboard.
  async choose(selector, value) {
    await this.focus(selector);
    const options = await this.evaluate(`[...document.querySelector(${JSON.stringify(selector)}).options].map((o) => o.value)`);
    const target = options.indexOf(String(value));
    if (target < 0) throw new Error(`${selector} has no option ${value}; it has ${options.join(', ')}`);
    for (let guard = 0; guard <= options.length; guard++) {
      const now = options.indexOf(await this.evaluate(`document.querySelector(${JSON.stringify(selector)}).value`));
      if (now === target) return;
      await this.press(now < target ? 'ArrowDown' : 'ArrowUp');
    }
    throw new Error(`could not choose ${value} in ${selector}`);
  }

  // Chooses `path` in the file input `selector`, as the file dialog does.
  async chooseFile(selector, path) {
    await this.centre(selector);
    const { root } = await this.send('DOM.getDocument', { depth: 0 });
    const { nodeId } = await this.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`no element matches ${selector}`);
    await this.send('DOM.setFileInputFiles', { files: [path], nodeId });
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
