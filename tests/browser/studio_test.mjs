// Drives Parley Studio (`parley serve`, docs/studio.md) in headless Chromium as a person does,
// with clicks, typing and key presses, and checks what the page draws and says against answers
// obtained elsewhere: `parley analyze --json`, `parley negotiate --trace`, `parley mediate --json`
// of scenarios edited here in JSON (not through the studio), and utilities derived by hand from
// the scenario's weights and values. Also: the token guards every request, names from files are
// shown as text, the page fits a phone's width, and no console error or exception happens.
//
//   node tests/browser/studio_test.mjs --parley build/parley [--work DIR] [--screenshots docs]
//
// Prints one line per check and ends with "N passed, M failed"; exits non-zero on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Chromium } from './chromium.mjs';
import { check, checkEqual, finish, readOptions } from '../checks.mjs';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = readOptions('studio_test.mjs --parley PATH [--work DIR] [--screenshots DIR]',
  { parley: join(source, 'build', 'parley'), work: join(tmpdir(), 'parley-studio-test'), screenshots: '' }, ['parley', 'work', 'screenshots']);
rmSync(options.work, { recursive: true, force: true });
mkdirSync(options.work, { recursive: true });
const screenshots = options.screenshots || join(options.work, 'screenshots');
mkdirSync(screenshots, { recursive: true });

function checkClose(actual, expected, what, tolerance = 1e-9) {
  const ok = Array.isArray(expected)
    ? Array.isArray(actual) && actual.length === expected.length && actual.every((a, k) => Math.abs(a - expected[k]) <= tolerance)
    : Math.abs(actual - expected) <= tolerance;
  check(ok, what, `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

function parley(...args) {
  return execFileSync(options.parley, args, { cwd: source, encoding: 'utf8', maxBuffer: 1 << 28 });
}
const work = (name) => join(options.work, name);
const readLines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

// A root holding copies of corpus scenarios, so that saving cannot touch the repository.
const root = work('root');
for (const name of ['CarA', 'CarB', 'IntegerDomain']) cpSync(join(source, 'scenarios', 'genius', name), join(root, name), { recursive: true });
const carA = join(root, 'CarA');

// CarA as Parley JSON, converted by the CLI: the base of every edit the expectations are made from.
parley('scenario', 'convert', carA, '-o', work('cara.json'));
const carAJson = () => JSON.parse(readFileSync(work('cara.json'), 'utf8'));
const issues = carAJson().issues.map((i) => i.name);
const parties = carAJson().parties.map((p) => p.name);

// A party's undiscounted utility of an outcome (values by issue, in issue order), by hand from
// CarA's file: a linear additive utility whose weights are used as written
// ("normalise_weights": false), u = min(1, sum of weight x value), docs/formats/parley-json.md.
function handUtility(scenario, party, outcome) {
  const utility = scenario.parties[party].utility;
  let sum = 0;
  scenario.issues.forEach((issue, k) => {
    const table = utility.values[issue.name];
    sum += utility.weights[issue.name] * (table.shape === 'table' ? table.values : table)[outcome[k]];
  });
  return Math.min(1, utility.normalise_weights === false ? sum : sum / Object.values(utility.weights).reduce((a, b) => a + b, 0));
}

// ---------------------------------------------------------------------------------------------

async function startServer() {
  const server = spawn(options.parley, ['serve', '--port', '0', '--root', root], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise((resolveUrl, reject) => {
    const timer = setTimeout(() => reject(new Error(`parley serve printed no address within 30 s: ${output}`)), 30_000);
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/Parley Studio: (http:\/\/\S+)/);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    server.stdout.on('data', read);
    server.stderr.on('data', read);
    server.on('exit', (code) => reject(new Error(`parley serve exited (${code}): ${output}`)));
  });
  return { server, url: new URL(url) };
}

async function tokenIsRequired(studio) {
  const token = studio.url.searchParams.get('token');
  const base = studio.url.origin;
  const plain = await fetch(`${base}/api/info`);
  checkEqual(plain.status, 403, 'a request without the token is refused with 403');
  checkEqual((await plain.json()).error !== undefined, true, 'the refusal says why, as JSON');
  checkEqual((await fetch(`${base}/api/info`, { headers: { 'X-Parley-Token': `${token}x` } })).status, 403,
    'a request with a wrong token is refused with 403');
  checkEqual((await fetch(`${base}/`)).status, 403, 'the page itself needs the token');
  checkEqual((await fetch(`${base}/api/info`, { headers: { 'X-Parley-Token': token } })).status, 200,
    'the token in the X-Parley-Token header is accepted');
  const page = await fetch(studio.url);
  const policy = page.headers.get('content-security-policy') ?? '';
  check(/default-src 'none'/.test(policy) && /connect-src 'self'/.test(policy), 'the page is sent with its Content-Security-Policy', policy);
  const html = await page.text();
  check(!/<link rel="stylesheet"|<script src=/.test(html) && /<style>/.test(html), 'the page holds its script and style sheet inline');
}

// The API with the token, for what the page's answers are checked against.
async function api(studio, path) {
  const response = await fetch(`${studio.url.origin}${path}`, { headers: { 'X-Parley-Token': studio.url.searchParams.get('token') } });
  return response.json();
}

// A screenshot from the top of the page (whose header stays at the top while it scrolls).
async function shot(page, name, height = undefined) {
  await page.evaluate('window.scrollTo(0, 0)');
  writeFileSync(join(screenshots, name), await page.screenshot(height));
}

const viewShown = (page, view) => page.waitUntil(`!document.getElementById('view-${view}').hidden`, `the ${view} view`);
const plotReady = (page) => page.waitUntil(`document.getElementById('scenario-plot').dataset.state === 'ready'`, 'the analysis');
const readData = (page, selector, attribute) =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})].map((e) => JSON.parse(e.getAttribute(${JSON.stringify(attribute)})))`);

async function openCarA(page) {
  await page.click('a[data-view="scenario"]');
  await viewShown(page, 'scenario');
  await page.fill('#scenario-search', 'CarA');
  await page.waitUntil(`(() => {
    const shown = [...document.querySelectorAll('#scenario-list button')];
    return shown.some((b) => b.dataset.source === ${JSON.stringify(carA)}) && shown.every((b) => /cara/i.test(b.textContent));
  })()`, 'the search to keep the scenarios named like CarA');
  await page.click(`#scenario-list button[data-source="${carA}"]`);
  await page.waitUntil(`document.getElementById('scenario-title').textContent === 'CarA'`, 'CarA to open');
  await plotReady(page);
}

async function editScenario(page) {
  await openCarA(page);
  const analysis = JSON.parse(parley('analyze', carA, '--json'));
  const plot = '#scenario-plot svg.utility-space';
  checkEqual(await page.evaluate(`document.querySelectorAll('${plot} circle.outcome').length`), analysis.outcomes,
    'scenario: every outcome drawn (parley analyze --json: outcomes)');
  checkEqual(await page.evaluate(`document.querySelectorAll('${plot} circle.frontier').length`), analysis.frontier.size,
    'scenario: every frontier point drawn (parley analyze --json: frontier.size)');
  checkEqual(await page.evaluate(`document.querySelectorAll('${plot} line.reservation').length`), 2, 'scenario: both reservation lines');
  const nashBefore = (await readData(page, `${plot} .nash`, 'data-utilities'))[0];
  checkClose(nashBefore, parties.map((p) => analysis.nash.utilities[p]), 'scenario: the Nash point as parley analyze finds it');
  const kalai = (await readData(page, `${plot} .kalai`, 'data-utilities'))[0];
  checkClose(kalai, parties.map((p) => analysis.kalai_smorodinsky.utilities[p]), 'scenario: the Kalai-Smorodinsky point as parley analyze finds it');
  await shot(page, 'studio-scenario.png', 1400);

  // The first party comes to care much more for the CD player: typed into its weight's field.
  const field = `[aria-label="weight of CD player for ${parties[0]}"]`;
  await page.fill(field, '0.6');
  await plotReady(page);
  const edited = carAJson();
  edited.parties[0].utility.weights['CD player'] = 0.6;
  writeFileSync(work('cara-edited.json'), JSON.stringify(edited));
  const expected = JSON.parse(parley('analyze', work('cara-edited.json'), '--json'));
  const nashAfter = (await readData(page, `${plot} .nash`, 'data-utilities'))[0];
  const expectedNash = parties.map((p) => expected.nash.utilities[p]);
  check(JSON.stringify(expectedNash) !== JSON.stringify(nashBefore), 'scenario: the edit moves the Nash point (so the next check can fail)');
  checkClose(nashAfter, expectedNash, 'scenario: after typing a weight, the Nash point is that of parley analyze of the edited file');
  checkEqual(await page.evaluate(`document.querySelectorAll('${plot} circle.frontier').length`), expected.frontier.size,
    'scenario: the frontier redrawn for the edited weights');

  // Saved under the root, then read back by the CLI.
  const saved = join(root, 'CarA-edited.json');
  await page.fill('#save-path', saved);
  await page.click('#save-button');
  await page.waitUntil(`document.getElementById('save-note').textContent.startsWith('Saved')`, 'the save');
  check(existsSync(saved), 'scenario: saved as Parley JSON under the root');
  if (existsSync(saved)) {
    const again = JSON.parse(parley('analyze', saved, '--json'));
    checkClose(parties.map((p) => again.nash.utilities[p]), expectedNash, 'scenario: the saved file analyses as the edit');
  }
}

async function negotiation(page) {
  await openCarA(page);
  await page.click('a[data-view="negotiate"]');
  await viewShown(page, 'negotiate');
  await page.choose('#seat-choosers select[data-party="0"]', 'boulware');
  await page.choose('#seat-choosers select[data-party="1"]', 'absolute-tft');
  await page.fill('#run-rounds', '60');
  await page.fill('#run-seed', '3');
  await page.click('#run-button');
  await page.waitUntil(`document.getElementById('run-status').dataset.state === 'done'`, 'the run to finish', 60_000);

  const args = ['negotiate', '--scenario', carA, '--negotiators', 'boulware,absolute-tft', '--rounds', '60', '--seed', '3'];
  parley(...args, '--trace', work('run.jsonl'));
  const result = JSON.parse(parley(...args, '--json'));
  const trace = readLines(work('run.jsonl'));
  // Drawn party by party, each in the order of the trace.
  const offers = trace.filter((s) => s.action === 'offer' && s.offer)
    .sort((a, b) => parties.indexOf(a.party) - parties.indexOf(b.party) || a.step - b.step);
  const plot = '#run-plot svg.utility-space';
  const drawn = await page.evaluate(`[...document.querySelectorAll('${plot} circle.offer')]
    .map((c) => [Number(c.dataset.actor), Number(c.dataset.step), JSON.parse(c.dataset.utilities)])`);
  checkEqual(drawn.length, offers.length, 'negotiate: as many offers drawn as the trace of parley negotiate holds');
  checkEqual(drawn, offers.map((s) => [parties.indexOf(s.party), s.step, parties.map((p) => s.utilities[p])]),
    'negotiate: every offer drawn by its party, step and utilities as in the trace of parley negotiate (same seed and rounds)');
  const agreement = await readData(page, `${plot} .agreement`, 'data-utilities');
  checkEqual(agreement, result.agreement ? [parties.map((p) => result.undiscounted_utilities[p])] : [],
    'negotiate: the agreement marked where parley negotiate --json puts it');
  checkEqual(await page.evaluate(`document.querySelectorAll('#run-log tbody tr').length`), trace.length, 'negotiate: one log row per step of the trace');
  checkEqual(await page.evaluate(`document.querySelectorAll('#run-time-plot circle.offer').length`), offers.length,
    'negotiate: every offer in the utility-over-time chart');
  const report = await page.evaluate(`document.getElementById('report-link').href`);
  const answer = await fetch(report);
  check(answer.status === 200 && /text\/html/.test(answer.headers.get('content-type')), 'negotiate: the report link gives the run\'s HTML report',
    `${answer.status} ${answer.headers.get('content-type')}`);
  await shot(page, 'studio-negotiate.png', 1500);

  // The same trace opened in the replay view, scrubbed with the keyboard.
  await page.click('a[data-view="replay"]');
  await viewShown(page, 'replay');
  await page.chooseFile('#replay-file', work('run.jsonl'));
  await page.waitUntil(`!document.getElementById('replay-scrubber').disabled`, 'the trace to open');
  const replayed = await page.evaluate(`[...document.querySelectorAll('#replay-plot svg.utility-space circle.offer')]
    .map((c) => [Number(c.dataset.actor), Number(c.dataset.step), JSON.parse(c.dataset.utilities)])`);
  checkEqual(replayed, drawn, 'replay: the trace file draws the offers the live run drew');
  await page.focus('#replay-scrubber');
  await page.press('Home');
  for (let k = 0; k < 5; k++) await page.press('ArrowRight');
  const firstFive = trace.slice(0, 5).filter((s) => s.action === 'offer' && s.offer).length;
  checkEqual(await page.evaluate(`document.querySelectorAll('#replay-plot circle.offer').length`), firstFive,
    'replay: the scrubber moved five steps with the arrow key shows the offers of the first five steps');
}

// A person (this test) plays the second party of CarA against boulware, with the mouse and Enter.
async function playAsPerson(browser, page, studio) {
  await openCarA(page);
  await page.click('a[data-view="negotiate"]');
  await viewShown(page, 'negotiate');
  await page.choose('#seat-choosers select[data-party="0"]', 'boulware');
  await page.choose('#seat-choosers select[data-party="1"]', 'human');
  await page.fill('#run-rounds', '12');
  await page.fill('#run-seed', '0');
  await page.click('#run-button');
  const link = await page.waitUntil(`document.querySelector('#seat-links a') && document.querySelector('#seat-links a').href`, 'the seat link');
  check(link.includes('#play/') && link.endsWith('/1'), 'play: the run offers a seat link for the person\'s party', link);
  const runId = link.match(/#play\/([^/]+)\//)[1];

  const seat = await browser.newPage(1280, 900);
  seat.allowedOrigins = [studio.url.origin];
  await seat.open(link);
  const scenario = carAJson();
  let moves = 0;
  let checkedBuilt = false;
  for (let guard = 0; guard < 40; guard++) {
    const now = await seat.waitUntil(`(() => {
      const turn = document.getElementById('play-turn').dataset.yourTurn === 'true';
      const done = !document.getElementById('play-result-panel').hidden;
      return (turn || done) && { turn, done, round: Number(document.getElementById('play-deadline').dataset.round),
        rounds: Number(document.getElementById('play-deadline').dataset.rounds),
        offered: document.getElementById('play-table-utility') ? Number(document.getElementById('play-table-utility').dataset.utility) : null };
    })()`, 'the person\'s turn', 30_000);
    if (now.done) break;
    if (!checkedBuilt) {
      // Build an offer with the keyboard; the page shows the seat's own utility of it.
      await seat.choose('#play-issues select[data-issue="0"]', 'standard');
      await seat.choose('#play-issues select[data-issue="5"]', 'good');
      const built = await seat.evaluate(`[...document.querySelectorAll('#play-issues [data-issue]')].map((i) => i.value)`);
      const shown = Number(await seat.waitUntil(`document.getElementById('play-built-utility').dataset.utility`, 'the built offer\'s utility'));
      checkClose(shown, handUtility(scenario, 1, built), 'play: the utility shown for the offer being built is the seat\'s, by hand from CarA\'s weights and values');
      checkedBuilt = true;
    }
    if (now.round >= now.rounds - 1 && now.offered !== null) {
      await seat.click('#play-accept');
    } else {
      await seat.click('#play-best');
      await seat.focus('#play-issues select[data-issue="0"]');
      await seat.press('Enter');  // Enter sends the offer
    }
    moves++;
    await seat.waitUntil(`document.getElementById('play-turn').dataset.yourTurn !== 'true' || !document.getElementById('play-result-panel').hidden
      || Number(document.getElementById('play-deadline').dataset.round) > ${now.round}`, 'the move to be taken');
  }
  await seat.waitUntil(`!document.getElementById('play-result-panel').hidden`, 'the end of the negotiation', 30_000);
  const run = await api(studio, `/api/runs/${runId}`);
  const result = run.result;
  check(moves >= 2, 'play: the person made several moves', `${moves}`);
  checkEqual(Boolean(result && result.agreement), true, 'play: the negotiation ends in an agreement');
  const pageOutcome = JSON.parse(await seat.evaluate(`document.getElementById('play-agreement') ? document.getElementById('play-agreement').dataset.outcome : 'null'`));
  checkEqual(pageOutcome, result && result.outcome ? issues.map((i) => result.outcome[i]) : null, 'play: the page shows the run\'s agreement');
  const shown = await seat.evaluate(`[Number(document.getElementById('play-result-utility').dataset.utility),
    Number(document.getElementById('play-result-utility').dataset.undiscounted)]`);
  if (result && pageOutcome) {
    checkClose(shown, [result.utilities[parties[1]], result.undiscounted_utilities[parties[1]]], 'play: the page shows the run\'s utilities of the person\'s party');
    // By hand: CarA's weights and values give the undiscounted utility; the discount factor d
    // at the normalised time t of the agreement gives u * d^t (docs/formats/parley-json.md).
    const undiscounted = handUtility(scenario, 1, pageOutcome);
    checkClose(shown[1], undiscounted, 'play: the undiscounted utility shown is the hand derivation from CarA\'s weights and values');
    checkClose(shown[0], undiscounted * scenario.parties[1].discount_factor ** result.time, 'play: the utility shown is the hand derivation discounted by d^t');
  }
  const history = await seat.evaluate(`document.querySelectorAll('#play-history tbody tr').length`);
  check(history >= moves, 'play: the history lists the moves', `${history} rows`);
  await shot(seat, 'studio-play.png', 1200);
  check(seat.problems.length === 0, 'play: no console errors, exceptions or stray requests in the seat\'s tab', seat.problems.join('; '));
  await seat.close();

  // The run's own view follows the same negotiation to its end.
  await page.waitUntil(`document.getElementById('run-status').dataset.state === 'done'`, 'the run view to see the end');
  checkEqual(await readData(page, '#run-plot svg.utility-space .agreement', 'data-utilities'),
    result && result.agreement ? [parties.map((p) => result.undiscounted_utilities[p])] : [], 'play: the run view marks the agreement');

  // The same table again, stopped with the Stop button while it waits for the person.
  await page.click('#run-button');
  const second = await page.waitUntil(`(() => {
    const a = document.querySelector('#seat-links a');
    return a && !a.href.includes('/${runId}/') && document.getElementById('run-status').dataset.state === 'waiting' && a.href;
  })()`, 'a second run waiting for its person');
  await page.click('#stop-button');
  await page.waitUntil(`document.getElementById('run-status').dataset.state === 'done'`, 'the stopped run to end');
  const stopped = await api(studio, `/api/runs/${second.match(/#play\/([^/]+)\//)[1]}`);
  checkEqual([stopped.result.agreement, stopped.result.end_reason], [false, 'stopped'], 'stop: the Stop button ends a run waiting for a person, as stopped');
}

async function mediation(page) {
  await openCarA(page);
  await page.click('a[data-view="mediate"]');
  await viewShown(page, 'mediate');
  const ready = () => page.waitUntil(`document.getElementById('mediate-cards').dataset.state === 'ready'`, 'the assistant\'s answer');
  await ready();
  const before = JSON.parse(parley('mediate', '--scenario', carA, '--json', '--times', '0')).tracks[0].moments[0];
  checkEqual(await page.evaluate(`document.getElementById('mediate-zone').dataset.size`), String(before.zone.size),
    'mediate: the zone\'s size as parley mediate --json gives it');

  // The first party's fallback moved from 0.5 to 0.7 with the arrow key (steps of 0.01).
  await page.focus('input[data-role="fallback"][data-party="0"]');
  for (let k = 0; k < 20; k++) await page.press('ArrowRight');
  await page.waitUntil(`JSON.parse(document.getElementById('mediate-zone').dataset.fallbacks)[0] === 0.7
    && document.getElementById('mediate-cards').dataset.state === 'ready'`, 'the answer with the new fallback');
  const edited = carAJson();
  edited.parties[0].reservation_value = 0.7;
  writeFileSync(work('cara-fallback.json'), JSON.stringify(edited));
  const after = JSON.parse(parley('mediate', '--scenario', work('cara-fallback.json'), '--json', '--times', '0')).tracks[0].moments[0];
  check(after.zone.size !== before.zone.size, 'mediate: the new fallback changes the zone (so the next check can fail)');
  checkEqual(await page.evaluate(`document.getElementById('mediate-zone').dataset.size`), String(after.zone.size),
    'mediate: after moving the fallback, the zone\'s size is that of parley mediate --json of the edited file');
  checkEqual(await page.evaluate(`document.querySelector('#mediate-block .value').textContent`), after.stumbling_block ?? 'none',
    'mediate: the stumbling block of the edited file');
  const packages = await page.evaluate(`[...document.querySelectorAll('#mediate-plot circle.package')].map((c) => JSON.parse(c.dataset.utilities))`);
  checkClose(packages.flat(), after.best.flatMap((b) => parties.map((p) => b.utilities[p])),
    'mediate: the proposed packages drawn at the utilities parley mediate gives');
  checkEqual(await readData(page, '#mediate-plot line.reservation', 'data-value'), [0.7, before.fallbacks[parties[1]]],
    'mediate: the fallbacks drawn as reservation lines');
  await shot(page, 'studio-mediate.png', 1300);
}

async function tournament(page, studio) {
  await page.click('a[data-view="tournament"]');
  await viewShown(page, 'tournament');
  // The page starts with boulware and conceder chosen; CarA is added with a click.
  await page.click(`#tournament-scenarios input[value="${carA}"]`);
  await page.fill('#tournament-rounds', '50');
  await page.click('#tournament-start');
  await page.waitUntil(`['done', 'stopped'].includes(document.getElementById('tournament-status').dataset.state)`, 'the tournament', 120_000);
  const id = await page.evaluate(`document.getElementById('tournament-report').href.match(/tournaments\\/([^/]+)\\/report/)[1]`);
  const final = await api(studio, `/api/tournaments/${id}`);
  const rows = await page.evaluate(`[...document.querySelectorAll('#tournament-ranking tbody tr')].map((r) => r.dataset.negotiator)`);
  checkEqual(rows, final.ranking.map((r) => r.negotiator), 'tournament: the ranking table in the server\'s order');
  // The same tournament from a configuration file, by `parley tournament` (docs/tournaments.md).
  writeFileSync(work('tournament.json'), JSON.stringify({ format: 'parley-tournament', negotiators: ['boulware', 'conceder'],
    scenarios: [carA], repetitions: 1, rounds: 50, protocol: 'saop', seed: 0 }));
  parley('tournament', '--config', work('tournament.json'), '--out', work('tournament'), '--quiet');
  const summary = JSON.parse(readFileSync(work('tournament/summary.json'), 'utf8'));
  const table = await page.evaluate(`[...document.querySelectorAll('#tournament-ranking tbody tr')]
    .map((r) => [r.dataset.negotiator, Number(r.dataset.mean), Number(r.dataset.agreementRate)])`);
  checkEqual(table.map((r) => r[0]), summary.negotiators.map((n) => n.negotiator), 'tournament: ranked as parley tournament ranks the same configuration');
  checkClose(table.flatMap((r) => r.slice(1)), summary.negotiators.flatMap((n) => [n.utility.mean, n.agreement_rate.mean]),
    'tournament: mean utilities and agreement rates as parley tournament\'s summary.json', 1e-12);
  checkEqual(await page.evaluate(`[document.getElementById('tournament-progress').value, document.getElementById('tournament-progress').max]`),
    [final.done, final.total], 'tournament: the progress bar full at the end');
  await shot(page, 'studio-tournament.png', 900);
}

// Names from an uploaded file reach the page as text, never as markup.
async function hostileUpload(page) {
  const hostile = '<img src=x onerror="window.pwned = 1">';
  const scenario = {
    format: 'parley-scenario', version: 1, name: `<script>window.pwned = 2</script>${hostile}`,
    issues: [{ name: '<b>issue</b>', values: ['"><svg onload="window.pwned = 3">', '<i>b</i>'] }],
    parties: [hostile, '<b>second</b>'].map((name, p) => ({ name, utility: { type: 'linear-additive', weights: { '<b>issue</b>': 1 },
      values: { '<b>issue</b>': { '"><svg onload="window.pwned = 3">': p, '<i>b</i>': 1 - p } } } })),
  };
  writeFileSync(work('hostile.json'), JSON.stringify(scenario));
  await page.click('a[data-view="scenario"]');
  await viewShown(page, 'scenario');
  await page.chooseFile('#scenario-upload', work('hostile.json'));
  await page.waitUntil(`document.getElementById('scenario-title').textContent === ${JSON.stringify(scenario.name)}`, 'the upload');
  await plotReady(page);
  checkEqual(await page.evaluate(`[document.scripts.length, document.images.length, document.querySelectorAll('main b, main i').length,
    document.querySelectorAll('main svg svg').length, window.pwned ?? null]`), [1, 0, 0, 0, null],
  'hostile names: no script, image or markup of the file\'s in the page');
}

async function fitsPhone(page) {
  for (const view of ['scenario', 'negotiate', 'replay', 'mediate', 'tournament']) {
    await page.resize(1280, 900);
    await page.click(`a[data-view="${view}"]`);
    await viewShown(page, view);
    await page.resize(400, 800);
    const width = await page.evaluate('document.documentElement.scrollWidth');
    check(width <= 401, `the ${view} view fits a 400-pixel-wide screen`, `page is ${width} px wide`);
  }
  await shot(page, 'studio-phone.png', 1600);
  await page.resize(1280, 900);
}

const studio = await startServer().catch((error) => {
  check(false, 'parley serve starts and prints its address', error.message);
  return null;
});
const browser = studio ? await Chromium.launch() : null;
try {
  if (studio) {
    await tokenIsRequired(studio);
    const page = await browser.newPage();
    page.allowedOrigins = [studio.url.origin];
    await page.open(studio.url.href);
    const tests = {
      editScenario: () => editScenario(page),
      negotiation: () => negotiation(page),
      playAsPerson: () => playAsPerson(browser, page, studio),
      mediation: () => mediation(page),
      tournament: () => tournament(page, studio),
      hostileUpload: () => hostileUpload(page),
      fitsPhone: () => fitsPhone(page),
    };
    for (const [name, test] of Object.entries(tests)) {
      try {
        await test();
      } catch (error) {
        check(false, name, error.stack ?? String(error));
        writeFileSync(join(screenshots, `failed-${name}.png`), await page.screenshot(1500).catch(() => Buffer.alloc(0)));
      }
    }
    await sleep(300);
    check(page.problems.length === 0, 'no console errors, exceptions or stray requests throughout', page.problems.join('; '));
  }
} finally {
  if (browser) await browser.close();
  if (studio) {
    studio.server.kill('SIGTERM');
    await new Promise((done) => {
      const timer = setTimeout(() => { studio.server.kill('SIGKILL'); done(); }, 10_000);
      studio.server.on('exit', () => { clearTimeout(timer); done(); });
      if (studio.server.exitCode !== null) done();
    });
  }
}
console.log(`screenshots in ${screenshots}`);
finish();
