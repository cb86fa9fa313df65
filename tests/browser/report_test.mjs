// Opens every kind of HTML report in headless Chromium and checks that it loads without console
// errors, exceptions or network requests, lays out at phone width, and draws what it should.
// Expected counts come from elsewhere than the report code: the trace the same run wrote,
// `parley analyze --json`, `parley mediate --json`, the tournament's results.jsonl and
// summary.json. Saves a screenshot of each kind of report.
//
//   node tests/browser/report_test.mjs --parley build/parley [--work DIR] [--screenshots docs]
//
// Prints one line per check and ends with "N passed, M failed"; exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Chromium } from './chromium.mjs';
import { check, checkEqual, finish, readOptions } from '../checks.mjs';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = readOptions('report_test.mjs --parley PATH [--work DIR] [--screenshots DIR]',
  { parley: join(source, 'build', 'parley'), work: join(tmpdir(), 'parley-report-test'), screenshots: '' }, ['parley', 'work', 'screenshots']);
rmSync(options.work, { recursive: true, force: true });
mkdirSync(options.work, { recursive: true });
const screenshots = options.screenshots || join(options.work, 'screenshots');
mkdirSync(screenshots, { recursive: true });


function parley(...args) {
  return execFileSync(options.parley, args, { cwd: source, encoding: 'utf8', maxBuffer: 1 << 28 });
}
const work = (name) => join(options.work, name);
const readLines = (path) => readFileSync(path, 'utf8').split('\n').filter((l) => l).map((l) => JSON.parse(l));
const countBy = (items, key) => items.reduce((counts, item) => counts.set(key(item), (counts.get(key(item)) ?? 0) + 1), new Map());

// Opens a report, checks that it loads cleanly and fits a phone's width, returns the page.
async function open(page, file, what) {
  page.problems.length = 0;
  await page.resize(1280, 900);
  await page.open(pathToFileURL(file).href);
  await page.resize(400, 800);
  const overflow = await page.evaluate('document.documentElement.scrollWidth');
  check(overflow <= 401, `${what}: fits a 400-pixel-wide screen`, `page is ${overflow} px wide`);
  await page.resize(1280, 900);
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
  check(page.problems.length === 0, `${what}: loads without console errors, exceptions or network requests`,
    page.problems.join('; '));
  return page;
}

// Counts of elements matching `selector` inside each element matching `scope`.
const countsIn = (page, scope, selector) =>
  page.evaluate(`[...document.querySelectorAll(${JSON.stringify(scope)})]
    .map((e) => e.querySelectorAll(${JSON.stringify(selector)}).length)`);

// True when the pixel coordinate `attribute` of the elements `selector` in the first `scope` is an
// increasing affine function of `values` (to the report's rounding of a tenth of a pixel).
async function positionedBy(page, scope, selector, attribute, values) {
  const positions = await page.evaluate(`[...document.querySelector(${JSON.stringify(scope)})
    .querySelectorAll(${JSON.stringify(selector)})].map((e) => Number(e.getAttribute(${JSON.stringify(attribute)})))`);
  if (positions.length !== values.length || values.length < 2) return false;
  let a = 0;
  let b = 1;
  for (let k = 1; k < values.length; k++) {
    if (Math.abs(values[k] - values[0]) > 0.05) {
      b = k;
      break;
    }
  }
  if (b === 1 && Math.abs(values[1] - values[0]) <= 0.05) return false;
  const slope = (positions[b] - positions[a]) / (values[b] - values[a]);
  const sign = attribute === 'cy' ? -1 : 1;  // SVG's y axis points down
  return sign * slope > 0 && values.every((v, k) => Math.abs(positions[a] + slope * (v - values[a]) - positions[k]) < 0.2);
}

async function negotiationReport(page) {
  const scenario = 'scenarios/genius/CarA';
  const run = ['negotiate', '--scenario', scenario, '--negotiators', 'boulware,absolute-tft', '--rounds', '200'];
  parley(...run, '--trace', work('car.jsonl'), '--report', work('negotiation.html'));
  const result = JSON.parse(parley(...run, '--json'));
  const analysis = JSON.parse(parley('analyze', scenario, '--json'));
  const trace = readLines(work('car.jsonl'));
  // Offers on the table (a vote against a mediator's text is an offer of nothing).
  const offers = trace.filter((s) => s.action === 'offer' && s.offer)
    .sort((a, b) => analysis.parties.indexOf(a.party) - analysis.parties.indexOf(b.party));  // drawn party by party
  const byParty = countBy(offers, (s) => s.party);

  await open(page, work('negotiation.html'), 'negotiation report');
  const panel = 'figure.utility-space';
  checkEqual(await page.evaluate(`document.querySelectorAll('${panel}').length`), 1, 'negotiation: one utility-space panel for two parties');
  checkEqual(await countsIn(page, panel, 'circle.outcome'), [analysis.outcomes], 'negotiation: every outcome drawn');
  checkEqual(await countsIn(page, panel, 'circle.frontier'), [analysis.frontier.size], 'negotiation: frontier points = the analysis\'s frontier size');
  checkEqual(await countsIn(page, panel, 'circle.offer'), [offers.length], 'negotiation: offer points = the trace\'s offers');
  checkEqual(await countsIn(page, panel, 'circle.offer[data-actor="0"]'), [byParty.get(analysis.parties[0])], 'negotiation: first party\'s offers');
  checkEqual(await countsIn(page, panel, 'circle.offer[data-actor="1"]'), [byParty.get(analysis.parties[1])], 'negotiation: second party\'s offers');
  checkEqual(await countsIn(page, panel, '.nash'), [analysis.nash ? 1 : 0], 'negotiation: the Nash point');
  checkEqual(await countsIn(page, panel, '.kalai'), [analysis.kalai_smorodinsky ? 1 : 0], 'negotiation: the Kalai-Smorodinsky point');
  checkEqual(await countsIn(page, panel, '.agreement'), [result.agreement ? 1 : 0], 'negotiation: the agreement');
  checkEqual(await countsIn(page, panel, 'line.reservation'), [2], 'negotiation: both reservation values');
  check(await positionedBy(page, panel, 'circle.offer', 'cx', offers.map((s) => s.utilities[analysis.parties[0]])),
    'negotiation: offers placed by the first party\'s utility of them');
  check(await positionedBy(page, panel, 'circle.offer', 'cy', offers.map((s) => s.utilities[analysis.parties[1]])),
    'negotiation: offers placed by the second party\'s utility of them');
  checkEqual(await page.evaluate('document.querySelectorAll("figure.over-time").length'), 2, 'negotiation: one over-time chart per party');
  const axis = await page.evaluate(`[...document.querySelectorAll('${panel} .axis-title')].map((t) => t.textContent)`);
  checkEqual(axis, analysis.parties.map((p) => `utility for ${p}`), 'negotiation: axes named after the parties');
  writeFileSync(join(screenshots, 'report-negotiation.png'), await page.screenshot());
}

async function multiPartyReport(page) {
  const scenario = 'scenarios/genius/group2-dinner';
  parley('negotiate', '--scenario', scenario, '--trace', work('dinner.jsonl'), '--report', work('dinner.html'));
  const analysis = JSON.parse(parley('analyze', scenario, '--json'));
  const offers = readLines(work('dinner.jsonl')).filter((s) => s.action === 'offer' && s.offer);
  const n = analysis.parties.length;
  const pairs = (n * (n - 1)) / 2;
  await open(page, work('dinner.html'), 'multi-party report');
  const panel = 'figure.utility-space';
  checkEqual(await page.evaluate(`document.querySelectorAll('${panel}').length`), pairs, `multi-party: one panel per pair of the ${n} parties`);
  checkEqual(await countsIn(page, panel, 'circle.frontier'), Array(pairs).fill(analysis.frontier.size), 'multi-party: the frontier in every panel');
  checkEqual(await countsIn(page, panel, 'circle.outcome'), Array(pairs).fill(analysis.outcomes), 'multi-party: every outcome in every panel');
  checkEqual(await countsIn(page, panel, 'circle.offer'), Array(pairs).fill(offers.length), 'multi-party: every offer in every panel');
  checkEqual(await page.evaluate('document.querySelectorAll("figure.over-time").length'), n, 'multi-party: one over-time chart per party');
}

async function multiTrackReport(page) {
  parley('negotiate', '--trace', work('talks.jsonl'), '--report', work('multi-track.html'));
  const result = JSON.parse(parley('negotiate', '--json'));
  const tracks = result.tracks.map((t) => t.scenario);
  await open(page, work('multi-track.html'), 'multi-track report');
  checkEqual(await page.evaluate('document.querySelectorAll("section.track").length'), tracks.length, 'multi-track: one section per track');
  for (const [t, name] of tracks.entries()) {
    const offers = readLines(work(`talks.${name}.jsonl`)).filter((s) => s.action === 'offer' && s.offer).length;
    const scope = `section.track[data-track="${t}"] figure.utility-space`;
    checkEqual(await countsIn(page, scope, 'circle.offer'), [offers], `multi-track: track ${name} draws its trace's offers and texts`);
    checkEqual(await countsIn(page, scope, '.agreement'), [result.tracks[t].agreement ? 1 : 0], `multi-track: track ${name}'s agreement`);
  }
}

async function tournamentReport(page) {
  const config = {
    format: 'parley-tournament',
    negotiators: ['boulware', 'linear', 'absolute-tft', 'micro'],
    scenarios: ['scenarios/genius/CarA', 'scenarios/genius/IntegerDomain', 'ceasefire-2024#rafah'],
    repetitions: 2, rounds: 100, seed: 7, threads: 2,
  };
  writeFileSync(work('tournament.json'), JSON.stringify(config));
  parley('tournament', '--config', work('tournament.json'), '--out', work('tournament'), '--quiet', '--report', work('tournament.html'));
  const summary = JSON.parse(readFileSync(work('tournament/summary.json'), 'utf8'));
  const rows = readLines(work('tournament/results.jsonl'));
  const k = config.negotiators.length;
  // Mean utility of the row negotiator in every negotiation where the column negotiator plays another role.
  const sums = new Map();
  for (const row of rows) {
    row.assignment.forEach((a, p) => row.assignment.forEach((b, q) => {
      if (p === q) return;
      const cell = sums.get(`${a},${b}`) ?? { sum: 0, n: 0 };
      cell.sum += row.utilities[p];
      cell.n += 1;
      sums.set(`${a},${b}`, cell);
    }));
  }
  await open(page, work('tournament.html'), 'tournament report');
  checkEqual(await page.evaluate('document.querySelectorAll("svg.ranking circle.mean").length'), summary.negotiators.length, 'tournament: a mean per negotiator');
  checkEqual(await page.evaluate('document.querySelectorAll("svg.ranking line.ci").length'), summary.negotiators.length, 'tournament: a confidence interval per negotiator');
  const ranked = await page.evaluate('[...document.querySelectorAll("svg.ranking g.rank title")].map((t) => t.textContent.split("\\n")[0])');
  checkEqual(ranked, summary.negotiators.map((s) => s.negotiator), 'tournament: ranked in the summary\'s order');
  const cells = await page.evaluate('[...document.querySelectorAll("rect.cell")].map((c) => [Number(c.dataset.row), Number(c.dataset.column), Number(c.dataset.value)])');
  checkEqual(cells.length, k * k, 'tournament: a heat-map cell per pair of negotiators');
  const wrong = cells.filter(([r, c, v]) => {
    const cell = sums.get(`${r},${c}`);
    return !cell || Math.abs(cell.sum / cell.n - v) > 2e-6;
  });
  checkEqual(wrong, [], 'tournament: heat-map cells hold the mean utility of row against column from results.jsonl');
  const perScenario = await page.evaluate('document.querySelectorAll("rect.scenario-cell").length');
  checkEqual(perScenario, config.scenarios.length * k, 'tournament: a per-scenario cell per scenario and negotiator');
  writeFileSync(join(screenshots, 'report-tournament.png'), await page.screenshot());
}

async function mediationReport(page) {
  parley('mediate', '--report', work('mediate.html'));
  const answers = JSON.parse(parley('mediate', '--json'));
  const subjects = [...answers.tracks, ...(answers.joint ? [answers.joint] : [])];
  await open(page, work('mediate.html'), 'mediation report');
  checkEqual(await page.evaluate('document.querySelectorAll("section.subject").length'), subjects.length, 'mediate: a section per track and for the joint package');
  for (const [s, subject] of subjects.entries()) {
    const now = subject.moments[0];
    const pairs = (subject.parties.length * (subject.parties.length - 1)) / 2;
    const scoped = async (selector) => page.evaluate(`[...document.querySelectorAll("section.subject")[${s}]
      .querySelectorAll("figure.zone-panel")].map((f) => f.querySelectorAll(${JSON.stringify(selector)}).length)`);
    checkEqual(await scoped('circle.package'), Array(pairs).fill(now.best.length), `mediate: ${subject.name}: the proposed packages`);
    checkEqual(await scoped('circle.outcome'), Array(pairs).fill(subject.packages), `mediate: ${subject.name}: every package`);
    checkEqual(await scoped('circle.outcome.zone'), Array(pairs).fill(now.zone.size), `mediate: ${subject.name}: the zone of agreement now`);
    const labels = await page.evaluate(`[...document.querySelectorAll("section.subject")[${s}]
      .querySelectorAll("figure.zone-panel")[0].querySelectorAll("g.proposal")].map((g) => Number(g.dataset.rank))`);
    checkEqual([...labels].sort((a, b) => a - b), now.best.map((_, k) => k + 1), `mediate: ${subject.name}: packages numbered by rank`);
    const points = await page.evaluate(`document.querySelectorAll("section.subject")[${s}].querySelectorAll("circle.fallback-point").length`);
    checkEqual(points, subject.moments.length * subject.parties.length, `mediate: ${subject.name}: every fallback at every time`);
    if (subject.enumerated) {
      const issues = await page.evaluate(`[...document.querySelectorAll("section.subject")[${s}].querySelectorAll("g.issue")].map((g) => g.dataset.issue)`);
      checkEqual(issues, now.issues.map((i) => i.issue), `mediate: ${subject.name}: every issue's effect, ranked`);
    }
  }
  writeFileSync(join(screenshots, 'report-mediate.png'), await page.screenshot(1750));
}

// Over sampled worlds: a section per subject, and P(zone) at every time as `--json` gives it.
async function uncertainMediationReport(page) {
  parley('mediate', '--samples', '500', '--sobol', '--bootstrap', '20', '--report', work('mediate-samples.html'));
  const answers = JSON.parse(parley('mediate', '--samples', '500', '--sobol', '--bootstrap', '20', '--json'));
  const subjects = [...answers.tracks, ...(answers.joint ? [answers.joint] : [])];
  await open(page, work('mediate-samples.html'), 'mediation report over sampled worlds');
  checkEqual(await page.evaluate('document.querySelectorAll("section.uncertain-subject").length'), subjects.length,
    'mediate --samples: a section per track and for the joint package');
  for (const [s, subject] of subjects.entries()) {
    const drawn = await page.evaluate(`[...document.querySelectorAll("section.uncertain-subject")[${s}]
      .querySelectorAll("circle.zone-probability")].map((c) => Number(c.dataset.value))`);
    checkEqual(drawn, subject.moments.map((m) => m.zone.probability), `mediate --samples: ${subject.name}: P(zone) at every time`);
  }
  checkEqual(await page.evaluate('document.querySelectorAll("figure.sobol-chart").length'), answers.sensitivity.length,
    'mediate --samples: a Sobol chart per output');
}

// Names from an untrusted scenario file reach the page as text, never as markup.
async function hostileNames(page) {
  const hostile = '<script>window.pwned = 1</script>';
  const scenario = {
    format: 'parley-scenario', version: 1, name: `${hostile}<img src=x onerror="window.pwned = 2">`,
    issues: [{ name: '</svg><script>window.pwned = 3</script>', values: ['"><b>a', "' onmouseover='window.pwned = 4", '&amp;'] }],
    parties: [hostile, '</title><img src=y onerror="window.pwned = 5">'].map((name, p) => ({
      name,
      utility: { type: 'linear-additive', weights: { '</svg><script>window.pwned = 3</script>': 1 },
        values: { '</svg><script>window.pwned = 3</script>': { '"><b>a': p, "' onmouseover='window.pwned = 4": 0.5, '&amp;': 1 - p } } },
    })),
  };
  writeFileSync(work('hostile.json'), JSON.stringify(scenario));
  parley('negotiate', '--scenario', work('hostile.json'), '--report', work('hostile.html'));
  await open(page, work('hostile.html'), 'report of a hostile scenario');
  checkEqual(await page.evaluate('[document.scripts.length, document.images.length, document.querySelectorAll("b").length, window.pwned ?? null]'),
    [0, 0, 0, null], 'hostile names: no script, image or markup of theirs in the page');
  checkEqual(await page.evaluate('document.querySelector("h1").textContent'), `Negotiation: ${scenario.name}`, 'hostile names: shown as text');
}

// The checks above can fail: a page with an error, an exception and a request is caught.
async function selfCheck(page) {
  const broken = work('broken.html');
  writeFileSync(broken, '<!DOCTYPE html><title>x</title><script>console.error("boom"); throw new Error("bad")</script>'
    + '<img src="http://parley.invalid/x.png">');
  page.problems.length = 0;
  await page.open(pathToFileURL(broken).href);
  const seen = page.problems.join('\n');
  check(/console\.error: boom/.test(seen) && /Error: bad/.test(seen) && /network request/.test(seen),
    'self-check: console errors, exceptions and network requests are detected', seen);
}

const browser = await Chromium.launch();
try {
  const page = await browser.newPage();
  for (const test of [selfCheck, negotiationReport, multiPartyReport, multiTrackReport, tournamentReport, mediationReport, uncertainMediationReport, hostileNames]) {
    try {
      await test(page);
    } catch (error) {
      check(false, test.name, error.stack ?? String(error));
    }
  }
} finally {
  await browser.close();
}
console.log(`screenshots in ${screenshots}`);
finish();
