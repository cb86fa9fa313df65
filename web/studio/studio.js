// Parley Studio: the page `parley serve` sends. It talks only to the server's JSON API
// (docs/studio.md), with the access token of the page's address in the header X-Parley-Token.
// Everything read from scenario files, traces and runs reaches the page as text (textContent),
// never as markup. The charts are SVG with the class names of the HTML reports (docs/reports.md)
// and data attributes holding the utilities they plot, so that a test can read them.
'use strict';

// ---------------------------------------------------------------------------------------------
// Talking to the server.

const token = new URLSearchParams(location.search).get('token') || '';

class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// Sends a request to the API; a body makes it a POST. Resolves with the parsed JSON answer,
// rejects with an ApiError carrying the server's one-line message.
async function api(path, body = undefined, method = undefined) {
  const init = { method: method || (body === undefined ? 'GET' : 'POST'), headers: { 'X-Parley-Token': token } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    throw new ApiError(0, `the studio's server does not answer (${error.message})`);
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!response.ok) {
    throw new ApiError(response.status, (data && data.error) || `${response.status} ${response.statusText}`);
  }
  return data;
}

// An address of the server that a link or a new tab opens: the token goes in the query there.
function withToken(path) {
  const [base, hash] = path.split('#');
  const joined = base + (base.includes('?') ? '&' : '?') + 'token=' + encodeURIComponent(token);
  return hash === undefined ? joined : `${joined}#${hash}`;
}

// ---------------------------------------------------------------------------------------------
// Small helpers for the page.

const $ = (id) => document.getElementById(id);

// An element with `props` (className, text, attrs, on, and any DOM property) and children
// (nodes or strings, the latter as text).
function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  applyProps(node, props);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

function applyProps(node, props) {
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined) continue;
    if (key === 'text') node.textContent = value;
    else if (key === 'className') node.setAttribute('class', value);
    else if (key === 'attrs') for (const [a, v] of Object.entries(value)) node.setAttribute(a, String(v));
    else if (key === 'data') for (const [a, v] of Object.entries(value)) node.dataset[a] = String(v);
    else if (key === 'on') for (const [event, handler] of Object.entries(value)) node.addEventListener(event, handler);
    else node[key] = value;
  }
}

const kSvg = 'http://www.w3.org/2000/svg';
function svg(tag, attrs = {}, ...children) {
  const node = document.createElementNS(kSvg, tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null) continue;
    if (key === 'text') node.textContent = value;
    else node.setAttribute(key, String(value));
  }
  for (const child of children) if (child) node.append(child);
  return node;
}

function clear(node) {
  while (node.firstChild) node.firstChild.remove();
  return node;
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function fixed(value, digits = 3) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return '–';
  return Number(value).toFixed(digits);
}

// The palette of the reports (Okabe and Ito), one colour per party in every chart.
const kColours = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#B8A400', '#000000'];
const colourOf = (actor) => kColours[actor % kColours.length];

let statusTimer = null;
function say(message, kind = 'info') {
  const box = $('status');
  box.textContent = message;
  box.className = `status ${kind}`;
  box.hidden = false;
  clearTimeout(statusTimer);
  if (kind !== 'error') statusTimer = setTimeout(() => { box.hidden = true; }, 4000);
}
function sayError(error) {
  say(error instanceof ApiError || error instanceof Error ? error.message : String(error), 'error');
}

function card(label, value, detail = '', kind = '') {
  return el('div', { className: `card${kind ? ` ${kind}` : ''}` },
    el('div', { className: 'label', text: label }), el('div', { className: 'value', text: value }),
    detail ? el('div', { className: 'detail', text: detail }) : null);
}

function table(node, headers, rows) {
  clear(node);
  node.append(el('thead', {}, el('tr', {}, headers.map((h) => el('th', { className: h.num ? 'num' : '', text: h.text ?? h })))));
  const body = el('tbody');
  for (const row of rows) body.append(row);
  node.append(body);
  return body;
}

function fillSelect(select, options, chosen) {
  clear(select);
  for (const option of options) {
    const [value, label] = Array.isArray(option) ? option : [option, option];
    select.append(el('option', { value: String(value), text: label }));
  }
  if (chosen !== undefined) select.value = String(chosen);
}

// ---------------------------------------------------------------------------------------------
// Scenarios (Parley JSON objects, docs/formats/parley-json.md).

const state = {
  scenarios: [],         // GET /api/scenarios
  source: null,          // where the open scenario came from (null: uploaded)
  scenario: null,        // the open scenario as Parley JSON, with the page's edits
  edited: false,         // whether the page changed it since it was opened
  outcomes: null,
  analysis: null,        // POST /api/analyze of `scenario`
  registry: null,
  view: 'scenario',
};

const partyNames = (scenario) => (scenario ? scenario.parties.map((p) => p.name) : []);
const issueNames = (scenario) => (scenario ? scenario.issues.map((i) => i.name) : []);
const isComment = (key) => key.startsWith('_') || key.startsWith('comment');
const isUncertain = (value) => value !== null && typeof value === 'object';

function describeUncertain(value) {
  for (const kind of ['uniform', 'triangular']) if (value[kind]) return `${kind} [${value[kind].join(', ')}]`;
  if (value.normal) return `normal (mean ${value.normal.mean}, sd ${value.normal.sd})`;
  if (value.variable) return `variable ${value.variable}`;
  return JSON.stringify(value);
}

// The number a possibly uncertain number stands for (its estimate), as `parley analyze` reads it.
function estimate(value) {
  if (!isUncertain(value)) return Number(value);
  if (value.estimate !== undefined) return value.estimate;
  if (value.uniform) return (value.uniform[0] + value.uniform[1]) / 2;
  if (value.triangular) return value.triangular[1];
  if (value.normal) return value.normal.mean;
  if (value.variable && state.scenario && state.scenario.variables) return estimate(state.scenario.variables[value.variable]);
  return NaN;
}

// A party's reservation value at the start (the first point of a schedule).
function startReservation(party) {
  if (party.reservation_schedule) return estimate(party.reservation_schedule.points[0][1]);
  return party.reservation_value === undefined ? 0 : estimate(party.reservation_value);
}

function outcomeText(outcome, names = issueNames(state.scenario)) {
  if (!outcome) return '';
  if (Array.isArray(outcome)) return outcome.map((v, i) => (names[i] !== undefined ? `${names[i]}: ${v}` : String(v))).join('; ');
  return Object.entries(outcome).map(([k, v]) => `${k}: ${v}`).join('; ');
}

function openScenario(answer) {
  if (!answer || !answer.scenario || !Array.isArray(answer.scenario.parties) || !Array.isArray(answer.scenario.issues)) {
    throw new Error('this is a multi-track scenario; open one of its tracks (NAME#TRACK) instead');
  }
  state.source = answer.source ?? null;
  state.scenario = answer.scenario;
  state.outcomes = answer.outcomes ?? null;
  state.analysis = null;
  state.edited = false;
  const names = partyNames(state.scenario);
  for (const prefix of ['pair', 'run-pair', 'replay-pair', 'mediate-pair']) {
    fillSelect($(`${prefix}-x`), names.map((n, i) => [i, n]), 0);
    fillSelect($(`${prefix}-y`), names.map((n, i) => [i, n]), Math.min(1, names.length - 1));
  }
  for (const id of ['run-time-party', 'replay-time-party']) fillSelect($(id), names.map((n, i) => [i, n]), 0);
  $('open-scenario').textContent = `${state.scenario.name}${state.source ? ` (${state.source})` : ' (uploaded)'}`;
  $('save-path').value = defaultSavePath();
  renderDownload();
  renderScenarioList();
  renderEditor();
  renderSummary();
  mediate.reset();
  negotiate.scenarioChanged();
  analyzeNow();
}

function defaultSavePath() {
  return `${state.scenario.name.replace(/[^A-Za-z0-9._-]+/g, '-')}.json`;
}

async function loadScenario(source) {
  try {
    say(`Opening ${source}…`);
    openScenario(await api(`/api/scenario?source=${encodeURIComponent(source)}`));
    say(`Opened ${state.scenario.name}.`);
  } catch (error) {
    sayError(error);
  }
}

// Sends the open scenario to the analysis after every edit, and draws what comes back. Answers
// that arrive after a newer request was sent are dropped.
let analysisSerial = 0;
const analysisListeners = [];
async function analyzeNow() {
  if (!state.scenario) return;
  const serial = ++analysisSerial;
  // 'editing', 'analysing', 'ready' or 'failed': whether the plot shows the scenario as edited.
  const plotBox = $('scenario-plot');
  plotBox.dataset.state = 'analysing';
  try {
    const analysis = await api('/api/analyze', { scenario: state.scenario });
    if (serial !== analysisSerial) return;
    state.analysis = analysis;
    renderAnalysis();
    for (const listener of analysisListeners) listener();
    plotBox.dataset.state = 'ready';
  } catch (error) {
    if (serial === analysisSerial) {
      plotBox.dataset.state = 'failed';
      sayError(error);
    }
  }
}
const analyzeSoon = debounce(analyzeNow, 150);

function scenarioEdited() {
  state.edited = true;
  ++analysisSerial;
  $('scenario-plot').dataset.state = 'editing';
  renderDownload();
  analyzeSoon();
}

// ---------------------------------------------------------------------------------------------
// Charts.

const kPlot = { width: 640, height: 470, left: 58, right: 18, top: 14, bottom: 48 };

// A domain that holds [0, 1] and every value given.
function domainOf(values) {
  let lo = 0;
  let hi = 1;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  return [lo, hi];
}

function axes(root, plot, xTitle, yTitle, xTicks, yTicks) {
  const grid = svg('g', { class: 'grid' });
  const axis = svg('g', { class: 'axis' });
  for (const t of xTicks) {
    grid.append(svg('line', { x1: plot.x(t), x2: plot.x(t), y1: plot.top, y2: plot.bottom }));
    axis.append(svg('text', { x: plot.x(t), y: plot.bottom + 16, 'text-anchor': 'middle', text: String(+t.toFixed(2)) }));
  }
  for (const t of yTicks) {
    grid.append(svg('line', { x1: plot.left, x2: plot.right, y1: plot.y(t), y2: plot.y(t) }));
    axis.append(svg('text', { x: plot.left - 6, y: plot.y(t) + 4, 'text-anchor': 'end', text: String(+t.toFixed(2)) }));
  }
  axis.append(svg('rect', { class: 'frame', x: plot.left, y: plot.top, width: plot.right - plot.left, height: plot.bottom - plot.top }));
  axis.append(svg('text', { class: 'axis-title', x: (plot.left + plot.right) / 2, y: plot.bottom + 38, 'text-anchor': 'middle', text: xTitle }));
  axis.append(svg('text', { class: 'axis-title', x: 14, y: (plot.top + plot.bottom) / 2, 'text-anchor': 'middle',
    transform: `rotate(-90 14 ${(plot.top + plot.bottom) / 2})`, text: yTitle }));
  root.append(grid, axis);
}

function ticks([lo, hi]) {
  const out = [];
  const step = hi - lo > 1.5 ? 0.5 : 0.2;
  for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Math.round(t * 1000) / 1000);
  return out;
}

function makePlot(xDomain, yDomain, height = kPlot.height) {
  const left = kPlot.left;
  const right = kPlot.width - kPlot.right;
  const top = kPlot.top;
  const bottom = height - kPlot.bottom;
  const round = (v) => Math.round(v * 10) / 10;
  return {
    left, right, top, bottom,
    x: (u) => round(left + ((u - xDomain[0]) / (xDomain[1] - xDomain[0] || 1)) * (right - left)),
    y: (u) => round(bottom - ((u - yDomain[0]) / (yDomain[1] - yDomain[0] || 1)) * (bottom - top)),
  };
}

function title(text) {
  return svg('title', { text });
}

const diamond = (x, y, r) => `${x},${y - r} ${x + r},${y} ${x},${y + r} ${x - r},${y}`;
function star(x, y, r) {
  const points = [];
  for (let k = 0; k < 10; k++) {
    const radius = k % 2 ? r * 0.45 : r;
    const angle = -Math.PI / 2 + (k * Math.PI) / 5;
    points.push(`${(x + radius * Math.cos(angle)).toFixed(1)},${(y + radius * Math.sin(angle)).toFixed(1)}`);
  }
  return points.join(' ');
}

// The utility space of two parties: every outcome, the frontier, the zone better than both
// reservation values, the Nash and Kalai-Smorodinsky points and the reservation lines (the base,
// drawn when the analysis or the pair changes), then offers, an agreement and proposed packages
// (the overlay, redrawn as a run goes on).
class UtilitySpace {
  constructor(box) {
    this.box = box;
    this.base = null;
    this.overlayData = null;
  }

  // `base`: {parties, x, y, analysis, reservation: [rx, ry] (default the analysis's)}.
  setBase(base) {
    this.base = base;
    this.draw();
  }

  // `overlay`: {events: [{actor, utilities, step, round, time, offer}], agreement: {utilities,
  // outcome}|null, packages: [{rank, utilities, text}], current: step index or undefined}.
  setOverlay(overlay) {
    this.overlayData = overlay;
    if (this.layer) this.drawOverlay();
    else this.draw();
  }

  draw() {
    clear(this.box);
    this.layer = null;
    const base = this.base;
    if (!base || !base.parties || base.parties.length < 2) return;
    const { x: i, y: j, parties, analysis } = base;
    const reservation = base.reservation || (analysis ? [analysis.reservation_values[i], analysis.reservation_values[j]] : [NaN, NaN]);
    const overlayValues = (axis) => {
      const o = this.overlayData || {};
      return [...(o.events || []).map((e) => e.utilities && e.utilities[axis]), ...(o.packages || []).map((p) => p.utilities[axis])];
    };
    const xDomain = domainOf([reservation[0], ...overlayValues(i)]);
    const yDomain = domainOf([reservation[1], ...overlayValues(j)]);
    this.xDomain = xDomain;
    this.yDomain = yDomain;
    const plot = makePlot(xDomain, yDomain);
    this.plot = plot;
    const root = svg('svg', { class: 'chart utility-space', viewBox: `0 0 ${kPlot.width} ${kPlot.height}`, role: 'img',
      'aria-label': `Utility space of ${parties[i]} and ${parties[j]}`, 'data-x': i, 'data-y': j });
    axes(root, plot, `utility for ${parties[i]}`, `utility for ${parties[j]}`, ticks(xDomain), ticks(yDomain));

    if (Number.isFinite(reservation[0]) && Number.isFinite(reservation[1])) {
      const x0 = Math.max(plot.x(reservation[0]), plot.left);
      const y0 = Math.min(plot.y(reservation[1]), plot.bottom);
      if (x0 < plot.right && y0 > plot.top) {
        root.append(svg('rect', { class: 'zone-area', x: x0, y: plot.top, width: plot.right - x0, height: y0 - plot.top }));
      }
    }
    if (analysis) {
      const outcomes = svg('g', { class: 'outcomes' });
      for (const point of analysis.points || []) {
        outcomes.append(svg('circle', { class: 'outcome', cx: plot.x(point[i]), cy: plot.y(point[j]), r: 2.2,
          'data-ux': point[i], 'data-uy': point[j] }));
      }
      root.append(outcomes);
      const frontier = [...(analysis.frontier || [])].sort((a, b) => a.utilities[i] - b.utilities[i] || b.utilities[j] - a.utilities[j]);
      if (parties.length === 2 && frontier.length > 1) {
        root.append(svg('polyline', { class: 'frontier-line',
          points: frontier.map((f) => `${plot.x(f.utilities[i])},${plot.y(f.utilities[j])}`).join(' ') }));
      }
      const front = svg('g', { class: 'frontier-points' });
      for (const f of frontier) {
        front.append(svg('circle', { class: 'frontier', cx: plot.x(f.utilities[i]), cy: plot.y(f.utilities[j]), r: 2.6,
          'data-ux': f.utilities[i], 'data-uy': f.utilities[j], 'data-utilities': JSON.stringify(f.utilities) },
        title(`Pareto-optimal\n${outcomeText(f.outcome)}\n${utilityLine(parties, f.utilities)}`)));
      }
      root.append(front);
    }
    // Reservation values, each in its party's colour.
    if (Number.isFinite(reservation[0]) && reservation[0] >= xDomain[0] && reservation[0] <= xDomain[1]) {
      root.append(svg('line', { class: 'reservation', x1: plot.x(reservation[0]), x2: plot.x(reservation[0]),
        y1: plot.top, y2: plot.bottom, stroke: colourOf(i), 'data-party': i, 'data-value': reservation[0] },
      title(`reservation value of ${parties[i]}: ${fixed(reservation[0], 4)}`)));
    }
    if (Number.isFinite(reservation[1]) && reservation[1] >= yDomain[0] && reservation[1] <= yDomain[1]) {
      root.append(svg('line', { class: 'reservation', x1: plot.left, x2: plot.right,
        y1: plot.y(reservation[1]), y2: plot.y(reservation[1]), stroke: colourOf(j), 'data-party': j, 'data-value': reservation[1] },
      title(`reservation value of ${parties[j]}: ${fixed(reservation[1], 4)}`)));
    }
    if (analysis) {
      const size = base.zoneText ?? zoneText(analysis.zone || {});
      root.append(svg('text', { class: 'zone-text', x: plot.left + 8, y: plot.bottom - 8, text: size }));
      const nash = analysis.nash;
      if (nash) {
        const [x, y] = [plot.x(nash.utilities[i]), plot.y(nash.utilities[j])];
        root.append(svg('polygon', { class: 'nash', points: diamond(x, y, 7), 'data-ux': nash.utilities[i], 'data-uy': nash.utilities[j],
          'data-utilities': JSON.stringify(nash.utilities) }, title(`Nash solution\n${outcomeText(nash.outcome)}\n${utilityLine(parties, nash.utilities)}`)));
      }
      const kalai = analysis.kalai ?? analysis.kalai_smorodinsky;
      if (kalai) {
        const [x, y] = [plot.x(kalai.utilities[i]), plot.y(kalai.utilities[j])];
        root.append(svg('rect', { class: 'kalai', x: x - 5, y: y - 5, width: 10, height: 10, 'data-ux': kalai.utilities[i],
          'data-uy': kalai.utilities[j], 'data-utilities': JSON.stringify(kalai.utilities) },
        title(`Kalai-Smorodinsky solution\n${outcomeText(kalai.outcome)}\n${utilityLine(parties, kalai.utilities)}`)));
      }
    }
    this.layer = svg('g', { class: 'overlay' });
    root.append(this.layer);
    this.box.append(root);
    this.box.append(this.legend());
    this.drawOverlay();
  }

  legend() {
    const { parties } = this.base;
    const items = [['#b4bcc7', 'outcomes'], ['#1c2330', 'Pareto frontier'], ['#ffffff', 'Nash (diamond)'], ['#E69F00', 'Kalai-Smorodinsky (square)']];
    const o = this.overlayData;
    if (o && o.events && o.events.length) {
      const actors = [...new Set(o.events.map((e) => e.actor))].sort((a, b) => a - b);
      for (const a of actors) items.push([colourOf(a), `offers by ${actorName(parties, a)}`]);
    }
    if (o && o.agreement) items.push(['#F0E442', 'agreement (star)']);
    return el('ul', { className: 'legend' }, items.map(([colour, label]) =>
      el('li', {}, el('span', { className: 'swatch', attrs: { style: `background:${colour};border:1px solid #8a929e` } }), label)));
  }

  drawOverlay() {
    const layer = clear(this.layer);
    const o = this.overlayData;
    if (!o || !this.base) return;
    const { x: i, y: j, parties } = this.base;
    // A point outside the drawn domain needs a new frame.
    const outside = (u, [lo, hi]) => Number.isFinite(u) && (u < lo || u > hi);
    const points = [...(o.events || []).filter((e) => e.utilities), ...(o.packages || [])];
    if (points.some((p) => outside(p.utilities[i], this.xDomain) || outside(p.utilities[j], this.yDomain))) {
      this.draw();
      return;
    }
    const plot = this.plot;
    const byActor = new Map();
    for (const event of o.events || []) {
      if (!event.utilities) continue;
      if (!byActor.has(event.actor)) byActor.set(event.actor, []);
      byActor.get(event.actor).push(event);
    }
    for (const [actor, events] of [...byActor.entries()].sort((a, b) => a[0] - b[0])) {
      layer.append(svg('polyline', { class: `offer-path actor-${actor}`, stroke: colourOf(actor),
        points: events.map((e) => `${plot.x(e.utilities[i])},${plot.y(e.utilities[j])}`).join(' ') }));
      const group = svg('g', { class: `offers actor-${actor}` });
      for (const e of events) {
        group.append(svg('circle', { class: `offer${e.step === o.current ? ' current' : ''}`, cx: plot.x(e.utilities[i]),
          cy: plot.y(e.utilities[j]), r: e.step === o.current ? 5 : 3.2, fill: colourOf(actor), 'data-actor': actor, 'data-step': e.step,
          'data-ux': e.utilities[i], 'data-uy': e.utilities[j], 'data-utilities': JSON.stringify(e.utilities) },
        title(`${actorName(parties, actor)} offers, round ${e.round} (t = ${fixed(e.time, 3)})\n${outcomeText(e.offer)}\n${utilityLine(parties, e.utilities)}`)));
      }
      layer.append(group);
    }
    for (const p of o.packages || []) {
      const [x, y] = [plot.x(p.utilities[i]), plot.y(p.utilities[j])];
      const group = svg('g', { class: 'proposal', 'data-rank': p.rank });
      group.append(svg('circle', { class: 'package', cx: x, cy: y, r: 8, 'data-rank': p.rank, 'data-ux': p.utilities[i],
        'data-uy': p.utilities[j], 'data-utilities': JSON.stringify(p.utilities) }, title(`package ${p.rank}\n${p.text}\n${utilityLine(parties, p.utilities)}`)));
      group.append(svg('text', { class: 'package-label', x, y: y + 4, 'text-anchor': 'middle', text: String(p.rank) }));
      layer.append(group);
    }
    if (o.agreement && o.agreement.utilities) {
      const u = o.agreement.utilities;
      layer.append(svg('polygon', { class: 'agreement', points: star(plot.x(u[i]), plot.y(u[j]), 11), 'data-ux': u[i], 'data-uy': u[j],
        'data-utilities': JSON.stringify(u) }, title(`Agreement\n${outcomeText(o.agreement.outcome)}\n${utilityLine(parties, u)}`)));
    }
    const legend = this.box.querySelector('.legend');
    if (legend) legend.replaceWith(this.legend());
  }
}

const plural = (count, noun) => `${count} ${noun}${count === 1 ? '' : 's'}`;

function zoneText(zone) {
  if (zone.empty) return 'the zone of agreement is empty';
  if (zone.size !== undefined) return `zone of agreement: ${plural(zone.size, 'outcome')}`;
  if (zone.estimated_size !== undefined) return `zone of agreement: about ${plural(Math.round(zone.estimated_size), 'outcome')}`;
  return '';
}

function actorName(parties, actor) {
  return actor < parties.length ? parties[actor] : `mediator ${actor - parties.length + 1}`;
}
function utilityLine(parties, utilities) {
  return utilities.map((u, p) => `${parties[p] ?? p}: ${fixed(u, 4)}`).join(', ');
}

// What every offer was worth to one party over time, with its reservation value.
function drawOverTime(box, { parties, party, events, reservation, agreement }) {
  clear(box);
  if (!parties || parties.length === 0) return;
  const values = events.filter((e) => e.utilities).map((e) => e.utilities[party]);
  const yDomain = domainOf([reservation, ...values]);
  const height = 320;
  const plot = makePlot([0, 1], yDomain, height);
  const root = svg('svg', { class: 'chart over-time', viewBox: `0 0 ${kPlot.width} ${height}`, role: 'img',
    'aria-label': `Utility for ${parties[party]} over time`, 'data-party': party });
  axes(root, plot, 'time (fraction of the deadline)', `utility for ${parties[party]}`, ticks([0, 1]), ticks(yDomain));
  if (Number.isFinite(reservation)) {
    root.append(svg('line', { class: 'reservation', x1: plot.left, x2: plot.right, y1: plot.y(reservation), y2: plot.y(reservation),
      stroke: colourOf(party), 'data-value': reservation }, title(`reservation value: ${fixed(reservation, 4)}`)));
  }
  const byActor = new Map();
  for (const e of events) {
    if (!e.utilities) continue;
    if (!byActor.has(e.actor)) byActor.set(e.actor, []);
    byActor.get(e.actor).push(e);
  }
  for (const [actor, list] of [...byActor.entries()].sort((a, b) => a[0] - b[0])) {
    root.append(svg('polyline', { class: `offer-path actor-${actor}`, stroke: colourOf(actor),
      points: list.map((e) => `${plot.x(e.time)},${plot.y(e.utilities[party])}`).join(' ') }));
    const group = svg('g', { class: `offers actor-${actor}` });
    for (const e of list) {
      group.append(svg('circle', { class: 'offer', cx: plot.x(e.time), cy: plot.y(e.utilities[party]), r: 2.8, fill: colourOf(actor),
        'data-actor': actor, 'data-time': e.time, 'data-u': e.utilities[party] },
      title(`${actorName(parties, actor)}, round ${e.round} (t = ${fixed(e.time, 3)}): ${fixed(e.utilities[party], 4)}`)));
    }
    root.append(group);
  }
  if (agreement && agreement.utilities) {
    const [x, y] = [plot.x(agreement.time ?? 1), plot.y(agreement.utilities[party])];
    root.append(svg('polygon', { class: 'agreement', points: star(x, y, 9), 'data-u': agreement.utilities[party] },
      title(`agreement: ${fixed(agreement.utilities[party], 4)}`)));
  }
  box.append(root);
}

// ---------------------------------------------------------------------------------------------
// The scenario view: list, open, upload, edit, analyse, save.

const scenarioPlot = new UtilitySpace($('scenario-plot'));

async function loadScenarioList() {
  try {
    const answer = await api('/api/scenarios');
    state.scenarios = answer.scenarios || [];
    $('scenario-list-note').textContent = answer.truncated ? 'More scenarios were found than are listed.' : '';
    renderScenarioList();
    tournament.renderScenarios();
  } catch (error) {
    sayError(error);
  }
}

function renderScenarioList() {
  const query = $('scenario-search').value.trim().toLowerCase();
  const list = clear($('scenario-list'));
  const shown = state.scenarios.filter((s) => !query || `${s.name} ${s.source} ${s.origin}`.toLowerCase().includes(query));
  for (const s of shown.slice(0, 400)) {
    list.append(el('li', {}, el('button', { type: 'button', className: s.source === state.source ? 'current' : '',
      data: { source: s.source }, on: { click: () => loadScenario(s.source) } },
    s.name, el('span', { className: 'origin', text: s.origin === 'built-in' ? 'built-in' : s.source }))));
  }
  if (shown.length > 400) list.append(el('li', { className: 'note', text: `${shown.length - 400} more: narrow the search` }));
}

async function uploadScenario(file) {
  try {
    const text = await file.text();
    openScenario(await api('/api/scenario/upload', { name: file.name, text }));
    say(`Opened ${file.name}.`);
  } catch (error) {
    sayError(error);
  }
}

function renderSummary() {
  const s = state.scenario;
  $('scenario-title').textContent = s ? s.name : 'No scenario open';
  const facts = [];
  if (s) {
    facts.push(`${s.issues.length} issues, ${s.parties.length} parties`);
    if (state.outcomes !== null && state.outcomes !== undefined) facts.push(`${state.outcomes} outcomes`);
    if (s.description) facts.push(s.description);
  }
  $('scenario-facts').textContent = facts.join(' · ');
}

function renderAnalysis() {
  const a = state.analysis;
  const names = partyNames(state.scenario);
  scenarioPlot.setBase({ parties: names, x: Number($('pair-x').value), y: Number($('pair-y').value), analysis: a });
  const cards = clear($('analysis-cards'));
  if (!a) return;
  const zone = a.zone || {};
  cards.append(card('zone of agreement', zone.empty ? 'empty' : zone.size !== undefined ? plural(zone.size, 'outcome')
    : `about ${Math.round(zone.estimated_size)}`, zone.half_width !== undefined ? `± ${Math.round(zone.half_width)} (95%)` : '',
  zone.empty ? 'bad' : 'good'));
  cards.append(card('outcomes', String(a.outcomes ?? '–'), a.sampled ? 'drawn: a sample' : ''));
  cards.append(card('Nash', a.nash ? utilityLine(names, a.nash.utilities) : 'none'));
  const kalai = a.kalai ?? a.kalai_smorodinsky;
  cards.append(card('Kalai-Smorodinsky', kalai ? utilityLine(names, kalai.utilities) : 'none'));
  if (a.opposition !== undefined) cards.append(card('opposition', fixed(a.opposition, 3)));
}

function numberInput(value, onChange, { min, max, step = 'any', label } = {}) {
  const input = el('input', { type: 'number', value: String(value), step: String(step), attrs: { 'aria-label': label || '' } });
  if (min !== undefined) input.min = String(min);
  if (max !== undefined) input.max = String(max);
  input.addEventListener('input', () => {
    const v = input.valueAsNumber;
    if (!Number.isFinite(v)) return;
    onChange(v);
  });
  return input;
}

// An editable number unless it is uncertain, which is shown as its distribution and kept.
function editableNumber(object, key, label, options = {}) {
  const value = object[key];
  if (isUncertain(value)) return el('span', { className: 'fixed', text: `${describeUncertain(value)} (uncertain: kept as written)` });
  return numberInput(value ?? options.fallback ?? 0, (v) => {
    object[key] = v;
    scenarioEdited();
  }, { ...options, label });
}

function renderEditor() {
  const box = clear($('scenario-editor'));
  const s = state.scenario;
  if (!s) return;
  box.append(el('ul', { className: 'issue-list' }, s.issues.map((issue) => el('li', {}, el('strong', { text: issue.name }), ' ',
    el('span', { className: 'values', text: issue.values ? `(${issue.values.length} values)`
      : issue.integer ? `(integers ${issue.integer[0]}–${issue.integer[1]})` : `(real ${issue.real[0]}–${issue.real[1]})` })))));
  s.parties.forEach((party, p) => box.append(partyEditor(party, p)));
}

function partyEditor(party, p) {
  const s = state.scenario;
  const details = el('details', { className: 'party', open: s.parties.length <= 3, data: { party: p } });
  details.append(el('summary', {}, el('span', { className: 'party-swatch', attrs: { style: `background:${colourOf(p)}` } }), party.name));
  const top = el('div', { className: 'row' });
  if (party.reservation_schedule) {
    top.append(scheduleEditor(party.reservation_schedule, party.name));
  } else {
    top.append(el('label', {}, 'reservation value', editableNumber(party, 'reservation_value', `reservation value of ${party.name}`, { step: 0.01 })));
  }
  top.append(el('label', {}, 'discount factor', editableNumber(party, 'discount_factor', `discount factor of ${party.name}`,
    { min: 0.01, max: 1, step: 0.01, fallback: 1 })));
  details.append(top);
  const utility = party.utility;
  if (!utility || utility.type !== 'linear-additive') {
    details.append(el('p', { className: 'note', text: `${utility ? utility.type : 'no'} utility: shown in the plot, not editable here.` }));
    return details;
  }
  if (utility.normalise_weights === false) details.append(el('p', { className: 'note', text: 'Weights are used as written (not divided by their sum).' }));
  const grid = el('div', { className: 'prefs' });
  for (const issue of s.issues) grid.append(issueEditor(party, issue));
  details.append(grid);
  return details;
}

function scheduleEditor(schedule, name) {
  const box = el('fieldset', {}, el('legend', { text: 'reservation schedule' }));
  const unit = el('select', { attrs: { 'aria-label': `schedule unit of ${name}` } });
  fillSelect(unit, ['time', 'rounds'], schedule.unit || 'time');
  unit.addEventListener('change', () => { schedule.unit = unit.value; scenarioEdited(); });
  const interpolation = el('select', { attrs: { 'aria-label': `schedule interpolation of ${name}` } });
  fillSelect(interpolation, ['step', 'linear'], schedule.interpolation || 'step');
  interpolation.addEventListener('change', () => { schedule.interpolation = interpolation.value; scenarioEdited(); });
  box.append(el('div', { className: 'row' }, el('label', {}, 'unit', unit), el('label', {}, 'interpolation', interpolation)));
  schedule.points.forEach((point, k) => {
    box.append(el('div', { className: 'row' },
      el('label', {}, `point ${k + 1}: at`, editableNumber(point, 0, `schedule point ${k + 1} time of ${name}`, { step: 0.01 })),
      el('label', {}, 'value', editableNumber(point, 1, `schedule point ${k + 1} value of ${name}`, { step: 0.01 }))));
  });
  return box;
}

function issueEditor(party, issue) {
  const utility = party.utility;
  const box = el('div', { className: 'pref-issue', data: { issue: issue.name } });
  box.append(el('h4', { text: issue.name }));
  box.append(el('div', { className: 'value-row' }, el('span', { text: 'weight' }),
    editableNumber(utility.weights, issue.name, `weight of ${issue.name} for ${party.name}`, { min: 0, step: 0.01 })));
  const fn = utility.values[issue.name];
  if (!fn || typeof fn !== 'object') return box;
  const table = fn.shape === 'table' ? fn.values : fn.shape === undefined ? fn : null;
  if (table) {
    const rows = Object.keys(table).filter((k) => !isComment(k)).map((value) => el('div', { className: 'value-row' },
      el('span', { text: value }), editableNumber(table, value, `utility of ${issue.name} = ${value} for ${party.name}`, { step: 0.01 })));
    if (rows.length > 12) box.append(el('details', {}, el('summary', { text: `${rows.length} values` }), rows));
    else box.append(...rows);
  } else {
    const keys = fn.shape === 'linear' ? ['slope', 'offset', 'origin'] : fn.shape === 'triangular' ? ['lower', 'top', 'upper'] : [];
    box.append(el('div', { className: 'fixed', text: `${fn.shape} value function` }));
    for (const key of keys) {
      if (key === 'origin' && fn.origin === undefined) continue;
      box.append(el('div', { className: 'value-row' }, el('span', { text: key }),
        editableNumber(fn, key, `${key} of ${issue.name} for ${party.name}`, { step: 0.01 })));
    }
  }
  return box;
}

let downloadUrl = null;
function renderDownload() {
  const link = $('download-link');
  if (downloadUrl) URL.revokeObjectURL(downloadUrl);
  downloadUrl = null;
  if (!state.scenario) return;
  downloadUrl = URL.createObjectURL(new Blob([JSON.stringify(state.scenario, null, 2) + '\n'], { type: 'application/json' }));
  link.href = downloadUrl;
  link.download = defaultSavePath();
}

async function saveScenario(event) {
  event.preventDefault();
  if (!state.scenario) return say('Open a scenario first.', 'error');
  let path = $('save-path').value.trim();
  const roots = state.info ? state.info.roots : [];
  if (path && !path.startsWith('/') && roots.length) path = `${roots[0]}/${path}`;
  try {
    const answer = await api('/api/scenario/save', { path, scenario: state.scenario, overwrite: $('save-overwrite').checked });
    $('save-note').textContent = `Saved to ${answer.path}.`;
    say(`Saved to ${answer.path}.`);
    loadScenarioList();
  } catch (error) {
    $('save-note').textContent = error.status === 409 ? `${error.message} (tick "overwrite" to replace it)` : error.message;
    sayError(error);
  }
}

// ---------------------------------------------------------------------------------------------
// Events of a run (from the API) and of a trace file, in one shape:
// {step, round, time, actor, action, offer: [values] | null, utilities: [per party] | null}.

function eventFromApi(e, parties) {
  const actor = typeof e.party === 'number' ? e.party : Math.max(0, parties.indexOf(e.party));
  const utilities = Array.isArray(e.utilities) ? e.utilities
    : e.utilities ? parties.map((p) => e.utilities[p]) : null;
  return { step: e.step, round: e.round, time: e.time, actor, action: e.action, offer: e.offer ?? null, utilities };
}

function eventFromTrace(line, parties, issues) {
  const actor = parties.indexOf(line.party);
  const offer = line.offer && !Array.isArray(line.offer) ? issues.map((name) => line.offer[name]) : line.offer ?? null;
  const utilities = line.utilities ? parties.map((p) => line.utilities[p]) : null;
  return { step: line.step, round: line.round, time: line.time, actor: actor < 0 ? parties.length : actor, action: line.action,
    offer, utilities, party: line.party, negotiator: line.negotiator };
}

// The offers a chart draws: offers with an outcome on the table, as the reports draw them.
const drawnOffers = (events) => events.filter((e) => e.action === 'offer' && e.offer && e.utilities);

function logRow(e, parties) {
  const row = el('tr', { className: e.action === 'accept' ? 'agreed' : '' },
    el('td', { className: 'num', text: String(e.step) }), el('td', { className: 'num', text: String(e.round) }),
    el('td', { className: 'num', text: fixed(e.time, 3) }), el('td', { text: actorName(parties, e.actor) }),
    el('td', { text: e.action }), el('td', { text: outcomeText(e.offer) }),
    el('td', { className: 'num', text: e.utilities ? e.utilities.map((u) => fixed(u, 3)).join(' / ') : '' }));
  return row;
}
const logHeaders = (parties) => [{ text: 'step', num: true }, { text: 'round', num: true }, { text: 't', num: true }, 'party', 'action',
  'offer', { text: `utilities (${parties.join(' / ')})`, num: true }];

// ---------------------------------------------------------------------------------------------
// The negotiate view: choose negotiators and a protocol, run, follow live.

const negotiate = (() => {
  const plot = new UtilitySpace($('run-plot'));
  let run = null;           // {id, parties, events, next, state, result}
  let pollTimer = null;

  function parameterInputs(box, entry) {
    clear(box);
    for (const parameter of (entry && entry.parameters) || []) {
      let input;
      if (parameter.default === 'true' || parameter.default === 'false') {
        input = el('select', {});
        fillSelect(input, ['true', 'false'], parameter.default);
      } else {
        input = el('input', { type: 'text', value: parameter.default, size: 8 });
      }
      input.dataset.parameter = parameter.name;
      input.dataset.default = parameter.default;
      input.title = parameter.description || '';
      box.append(el('label', { title: parameter.description || '' }, parameter.name, input));
    }
  }

  // A spec as the CLI takes it: name(key=value,...) with the parameters changed from their default.
  function specOf(name, box) {
    const changed = [...box.querySelectorAll('[data-parameter]')].filter((i) => i.value.trim() !== i.dataset.default)
      .map((i) => `${i.dataset.parameter}=${i.value.trim()}`);
    return changed.length ? `${name}(${changed.join(',')})` : name;
  }

  function entry(kind, name) {
    return ((state.registry && state.registry[kind]) || []).find((e) => e.name === name);
  }

  function renderChoosers() {
    const box = clear($('seat-choosers'));
    const s = state.scenario;
    $('run-scenario-note').textContent = s ? `Scenario: ${s.name}${state.edited ? ' (edited)' : ''}` : 'Open a scenario first (Scenario view).';
    if (!s || !state.registry) return;
    const names = state.registry.negotiators.map((n) => n.name);
    s.parties.forEach((party, p) => {
      const select = el('select', { attrs: { 'aria-label': `negotiator for ${party.name}` }, data: { party: p } });
      fillSelect(select, names, names.includes(p === 0 ? 'boulware' : 'conceder') ? (p === 0 ? 'boulware' : 'conceder') : names[0]);
      const parameters = el('div', { className: 'parameters' });
      const describe = el('p', { className: 'note' });
      const update = () => {
        const e = entry('negotiators', select.value);
        parameterInputs(parameters, e);
        describe.textContent = e ? e.description : '';
      };
      select.addEventListener('change', update);
      update();
      box.append(el('div', { className: 'chooser', data: { party: p } },
        el('span', { className: 'party-name' }, el('span', { className: 'party-swatch', attrs: { style: `background:${colourOf(p)}` } }), party.name),
        select, parameters, describe));
    });
  }

  function renderProtocols() {
    const r = state.registry;
    fillSelect($('run-protocol'), r.protocols.map((p) => p.name), 'saop');
    fillSelect($('tournament-protocol'), r.protocols.map((p) => p.name), 'saop');
    parameterInputs($('run-protocol-parameters'), entry('protocols', 'saop'));
    fillSelect($('run-mediator'), [['', '(none)'], ...(r.mediators || []).map((m) => [m.name, m.name])], '');
    $('run-protocol').title = (entry('protocols', 'saop') || {}).description || '';
  }

  async function start(event) {
    event.preventDefault();
    if (!state.scenario) return say('Open a scenario first.', 'error');
    stopPolling();
    const negotiators = [...document.querySelectorAll('#seat-choosers .chooser')].map((chooser) =>
      specOf(chooser.querySelector('select').value, chooser.querySelector('.parameters')));
    const mediator = $('run-mediator').value;
    const body = {
      ...(state.source && !state.edited ? { source: state.source } : { scenario: state.scenario }),
      negotiators,
      protocol: specOf($('run-protocol').value, $('run-protocol-parameters')),
      mediators: mediator ? [specOf(mediator, $('run-mediator-parameters'))] : [],
      rounds: Number($('run-rounds').value),
      seed: Number($('run-seed').value),
    };
    try {
      const answer = await api('/api/runs', body);
      run = { id: answer.id, parties: partyNames(state.scenario), events: [], next: 0, state: 'running', result: null, rounds: body.rounds };
      clear($('run-log'));
      table($('run-log'), logHeaders(run.parties), []);
      const seats = clear($('seat-links'));
      for (const seat of answer.seats || []) {
        seats.append(el('li', {}, `Seat of ${seat.name}: `, el('a', { href: seat.link, target: '_blank', rel: 'noopener',
          data: { party: seat.party }, text: 'open it in a new tab' })));
      }
      $('report-link').hidden = true;
      $('stop-button').disabled = false;
      $('run-status').textContent = `Run ${run.id} started.`;
      drawRun();
      poll();
    } catch (error) {
      sayError(error);
    }
  }

  async function poll() {
    if (!run) return;
    const current = run;
    try {
      const answer = await api(`/api/runs/${encodeURIComponent(current.id)}?since=${current.next}`);
      if (current !== run) return;
      if (answer.parties) current.parties = answer.parties;
      const fresh = (answer.events || []).map((e) => eventFromApi(e, current.parties));
      current.events.push(...fresh);
      current.next = answer.next ?? current.events.length;
      current.state = answer.state;
      current.result = answer.result ?? null;
      current.waitingFor = answer.waiting_for ?? null;
      current.rounds = answer.rounds ?? current.rounds;
      const body = $('run-log').tBodies[0];
      for (const e of fresh) body.append(logRow(e, current.parties));
      if (fresh.length || current.state === 'done') drawRun();
      showRunState();
      if (current.state !== 'done') pollTimer = setTimeout(poll, 200);
      else finished();
    } catch (error) {
      sayError(error);
      if (current === run) pollTimer = setTimeout(poll, 1000);
    }
  }

  function showRunState() {
    const waiting = run.waitingFor !== null && run.waitingFor !== undefined ? `, waiting for ${run.parties[run.waitingFor]}` : '';
    const last = run.events.length ? run.events[run.events.length - 1] : null;
    $('run-status').textContent = `Run ${run.id}: ${run.state}${waiting}${last ? `, round ${last.round + 1} of ${run.rounds}` : ''}`
      + (run.result ? `: ${describeResult(run.result)}` : '');
    $('run-status').dataset.state = run.state;
  }

  function finished() {
    $('stop-button').disabled = true;
    const link = $('report-link');
    link.href = withToken(`/api/runs/${encodeURIComponent(run.id)}/report`);
    link.hidden = false;
  }

  // The agreement of a finished run, with its undiscounted utilities (as the plot's axes).
  function agreementOf(current) {
    const r = current.result;
    if (!r || !r.agreement) return null;
    const pick = (values) => (Array.isArray(values) ? values : values ? current.parties.map((p) => values[p]) : null);
    const outcome = r.outcome && !Array.isArray(r.outcome) && typeof r.outcome === 'object'
      ? issueNames(state.scenario).map((n) => r.outcome[n]) : r.outcome;
    return { utilities: pick(r.undiscounted_utilities ?? r.utilities), outcome, time: r.time };
  }

  function drawRun() {
    if (!run) return;
    const offers = drawnOffers(run.events);
    const agreement = agreementOf(run);
    plot.setOverlay({ events: offers, agreement });
    const party = Number($('run-time-party').value) || 0;
    const profile = state.scenario && state.scenario.parties[party];
    drawOverTime($('run-time-plot'), { parties: run.parties, party, events: offers, agreement,
      reservation: state.analysis ? state.analysis.reservation_values[party] : profile ? startReservation(profile) : NaN });
  }

  function drawBase() {
    plot.setBase({ parties: partyNames(state.scenario), x: Number($('run-pair-x').value), y: Number($('run-pair-y').value),
      analysis: state.analysis });
  }

  async function stop() {
    if (!run) return;
    try {
      await api(`/api/runs/${encodeURIComponent(run.id)}/stop`, {});
      say(`Run ${run.id} stopped.`);
    } catch (error) {
      sayError(error);
    }
  }

  function stopPolling() {
    clearTimeout(pollTimer);
    run = null;
  }

  $('run-form').addEventListener('submit', start);
  $('stop-button').addEventListener('click', stop);
  $('run-protocol').addEventListener('change', () => {
    const e = entry('protocols', $('run-protocol').value);
    parameterInputs($('run-protocol-parameters'), e);
    $('run-protocol').title = e ? e.description : '';
  });
  $('run-mediator').addEventListener('change', () => parameterInputs($('run-mediator-parameters'), entry('mediators', $('run-mediator').value)));
  for (const id of ['run-pair-x', 'run-pair-y']) $(id).addEventListener('change', () => { drawBase(); drawRun(); });
  $('run-time-party').addEventListener('change', drawRun);
  analysisListeners.push(() => { drawBase(); drawRun(); });

  return {
    registryLoaded() { renderProtocols(); renderChoosers(); },
    scenarioChanged() { stopPolling(); renderChoosers(); drawBase(); },
    shown() { renderChoosers(); drawBase(); drawRun(); },
    get run() { return run; },
  };
})();

function describeResult(result) {
  if (!result) return '';
  if (result.agreement) return `agreement in round ${result.rounds}`;
  return `no agreement (${result.end_reason || 'ended'})`;
}

// ---------------------------------------------------------------------------------------------
// Replay: a trace file drawn over the open scenario's analysis, with a scrubber.

const replay = (() => {
  const plot = new UtilitySpace($('replay-plot'));
  let trace = null;   // {parties, events}

  async function open(file) {
    try {
      const lines = (await file.text()).split('\n').filter((line) => line.trim());
      const records = lines.map((line, k) => {
        try {
          return JSON.parse(line);
        } catch {
          throw new Error(`${file.name}:${k + 1}: not a JSON line`);
        }
      });
      const scenarioParties = partyNames(state.scenario);
      const traceParties = [];
      for (const r of records) if (r.utilities) for (const p of Object.keys(r.utilities)) if (!traceParties.includes(p)) traceParties.push(p);
      const matches = scenarioParties.length && traceParties.every((p) => scenarioParties.includes(p));
      const parties = matches ? scenarioParties : traceParties;
      const issues = matches ? issueNames(state.scenario)
        : Object.keys((records.find((r) => r.offer && !Array.isArray(r.offer)) || { offer: {} }).offer);
      trace = { name: file.name, parties, events: records.map((r) => eventFromTrace(r, parties, issues)), matches };
      const scrubber = $('replay-scrubber');
      scrubber.max = String(trace.events.length);
      scrubber.value = String(trace.events.length);
      scrubber.disabled = false;
      if (!matches) {
        for (const prefix of ['replay-pair']) {
          fillSelect($(`${prefix}-x`), parties.map((n, i) => [i, n]), 0);
          fillSelect($(`${prefix}-y`), parties.map((n, i) => [i, n]), Math.min(1, parties.length - 1));
        }
        fillSelect($('replay-time-party'), parties.map((n, i) => [i, n]), 0);
      }
      drawBase();
      draw();
      say(`Opened ${file.name}: ${trace.events.length} steps${matches ? '' : ' (not of the open scenario: drawn without its analysis)'}.`);
    } catch (error) {
      sayError(error);
    }
  }

  function drawBase() {
    const parties = trace ? trace.parties : partyNames(state.scenario);
    plot.setBase({ parties, x: Number($('replay-pair-x').value) || 0, y: Number($('replay-pair-y').value) || 1,
      analysis: !trace || trace.matches ? state.analysis : null,
      reservation: trace && !trace.matches ? [NaN, NaN] : undefined });
  }

  function draw() {
    if (!trace) return;
    const upTo = Number($('replay-scrubber').value);
    const shown = trace.events.slice(0, upTo);
    const offers = drawnOffers(shown);
    const last = shown[shown.length - 1];
    const agreed = last && last.action === 'accept' && upTo === trace.events.length && last.utilities ? last : null;
    const agreement = agreed ? { utilities: agreed.utilities, outcome: agreed.offer, time: agreed.time } : null;
    plot.setOverlay({ events: offers, agreement, current: last ? last.step : undefined });
    const party = Number($('replay-time-party').value) || 0;
    const profile = trace.matches && state.scenario ? state.scenario.parties[party] : null;
    drawOverTime($('replay-time-plot'), { parties: trace.parties, party, events: offers, agreement,
      reservation: trace.matches && state.analysis ? state.analysis.reservation_values[party] : profile ? startReservation(profile) : NaN });
    $('replay-status').textContent = `${trace.name}: step ${upTo} of ${trace.events.length}`;
    const box = clear($('replay-current'));
    if (last) {
      box.append(el('p', {}, el('strong', { text: `${last.party ?? actorName(trace.parties, last.actor)}` }),
        ` (${last.negotiator ?? ''}) ${last.action} in round ${last.round}, t = ${fixed(last.time, 3)}`));
      if (last.offer) box.append(el('p', { className: 'note', text: outcomeText(last.offer, trace.matches ? issueNames(state.scenario) : []) }));
      if (last.utilities) box.append(el('p', { className: 'note', text: utilityLine(trace.parties, last.utilities) }));
    }
  }

  $('replay-file').addEventListener('change', (event) => { if (event.target.files[0]) open(event.target.files[0]); });
  $('replay-scrubber').addEventListener('input', draw);
  for (const id of ['replay-pair-x', 'replay-pair-y']) $(id).addEventListener('change', () => { drawBase(); draw(); });
  $('replay-time-party').addEventListener('change', draw);
  analysisListeners.push(() => { drawBase(); draw(); });
  return { shown() { drawBase(); draw(); } };
})();

// ---------------------------------------------------------------------------------------------
// Play: a person's seat. Only the seat's own utilities are known here.

const play = (() => {
  let seat = null;        // {run, party}
  let view = null;        // the last GET of the seat
  let timer = null;
  let built = null;       // the offer being built, in issue order
  let sending = false;
  const known = new Map();  // outcome (JSON) -> the seat's utility, from what the server showed

  function open(runId, party) {
    if (!seat || seat.run !== runId || seat.party !== party) {
      seat = { run: runId, party };
      view = null;
      built = null;
      known.clear();
      clear($('play-issues'));
    }
    refresh();
  }

  function close() {
    clearTimeout(timer);
    timer = null;
  }

  const path = () => `/api/runs/${encodeURIComponent(seat.run)}/seats/${encodeURIComponent(seat.party)}`;

  async function refresh() {
    clearTimeout(timer);
    if (!seat || state.view !== 'play') return;
    const current = seat;
    try {
      const answer = await api(path());
      if (current !== seat) return;
      view = answer;
      render();
      if (answer.state !== 'done') timer = setTimeout(refresh, answer.your_turn ? 1000 : 250);
    } catch (error) {
      sayError(error);
      if (current === seat && error.status !== 404 && error.status !== 403) timer = setTimeout(refresh, 1500);
    }
  }

  function remember(outcome, utility) {
    if (outcome && Number.isFinite(utility)) known.set(JSON.stringify(outcome.map(String)), utility);
  }

  function render() {
    const v = view;
    $('play-title').textContent = `Your seat: ${v.name}`;
    $('open-scenario').textContent = `negotiation ${seat.run}, seat of ${v.name}`;
    $('play-deadline').textContent = v.rounds ? `Round ${Math.min(v.round, v.rounds)} of ${v.rounds}` : `Round ${v.round}`;
    $('play-deadline').dataset.round = v.round;
    $('play-deadline').dataset.rounds = v.rounds;
    $('play-facts').textContent = `Your reservation value: ${fixed(v.reservation_value, 3)}`
      + (v.discount_factor !== undefined && v.discount_factor !== 1 ? ` · discount factor ${v.discount_factor} (utilities shown undiscounted)` : '')
      + ` · t = ${fixed(v.time, 3)}`;
    if (v.best) remember(v.best.outcome, v.best.utility);
    if (v.offer) remember(v.offer.outcome, v.offer.utility);
    for (const h of v.history || []) remember(h.outcome, h.utility);

    const onTable = clear($('play-table'));
    if (v.offer) {
      onTable.append(el('div', {}, el('strong', { text: `On the table, by ${v.offer.by}: ` }), outcomeText(v.offer.outcome, v.issues.map((i) => i.name))));
      onTable.append(el('div', {}, 'Your utility of it: ', el('strong', { id: 'play-table-utility', text: fixed(v.offer.utility, 4),
        data: { utility: v.offer.utility } })));
    } else {
      onTable.append(el('div', { className: 'note', text: 'No offer on the table.' }));
    }
    const done = v.state === 'done';
    const turn = $('play-turn');
    turn.textContent = done ? 'The negotiation has ended.' : v.your_turn ? 'Your turn.' : 'Waiting for the other parties…';
    turn.className = `turn${v.your_turn && !done ? ' yours' : ''}`;
    turn.dataset.yourTurn = String(Boolean(v.your_turn) && !done);
    if (!$('play-issues').firstChild) buildIssues();
    $('play-offer').disabled = done || !v.your_turn;
    $('play-accept').disabled = done || !v.your_turn || !v.offer;
    $('play-end').disabled = done || !v.your_turn;
    showBuiltUtility();
    renderHistory();
    renderResult();
  }

  // The range of a real or integer issue, as the seat view gives it.
  const rangeOf = (issue) => issue.range || issue.real || issue.integer;
  const isInteger = (issue) => issue.kind === 'integer' || Boolean(issue.integer);

  function buildIssues() {
    const box = clear($('play-issues'));
    const v = view;
    built = v.best ? v.best.outcome.map(String) : v.issues.map((issue) => String(issue.values ? issue.values[0] : rangeOf(issue)[0]));
    v.issues.forEach((issue, k) => {
      let input;
      if (issue.values) {
        input = el('select', {});
        fillSelect(input, issue.values.map(String), built[k]);
      } else {
        const [lo, hi] = rangeOf(issue);
        input = el('input', { type: 'number', min: String(lo), max: String(hi), step: isInteger(issue) ? '1' : 'any', value: built[k] });
      }
      input.dataset.issue = String(k);
      input.setAttribute('aria-label', issue.name);
      input.addEventListener('input', builtChanged);
      input.addEventListener('change', builtChanged);
      box.append(el('label', {}, issue.name, input));
    });
    builtChanged();
  }

  function builtChanged() {
    readBuilt();
    showBuiltUtility();
    askUtilitySoon();
  }

  function readBuilt() {
    built = [...$('play-issues').querySelectorAll('[data-issue]')].map((input) => input.value);
  }

  function setBuilt(outcome) {
    [...$('play-issues').querySelectorAll('[data-issue]')].forEach((input, k) => { input.value = String(outcome[k]); });
    builtChanged();
  }

  // The outcome as the server takes it: numbers for real and integer issues, names otherwise.
  function outcomeForServer() {
    return built.map((value, k) => (view.issues[k].values ? view.issues[k].values.find((v) => String(v) === value) ?? value : Number(value)));
  }

  function showBuiltUtility() {
    const key = built ? JSON.stringify(built.map(String)) : '';
    const utility = known.get(key);
    const node = $('play-built-utility');
    node.textContent = utility === undefined ? '…' : fixed(utility, 4);
    if (utility === undefined) delete node.dataset.utility;
    else node.dataset.utility = String(utility);
  }

  // The seat's own utility of the offer being built, from the seat's utility endpoint (the page
  // knows nothing of the seat's preferences).
  async function askUtility() {
    if (!seat || !built || !view) return;
    const key = JSON.stringify(built.map(String));
    if (known.has(key)) return showBuiltUtility();
    const current = seat;
    try {
      const answer = await api(`${path()}/utility`, { outcome: outcomeForServer() });
      if (current !== seat) return;
      remember(built, answer.utility);
      showBuiltUtility();
    } catch (error) {
      sayError(error);
    }
  }
  const askUtilitySoon = debounce(askUtility, 100);

  function renderHistory() {
    const v = view;
    const names = v.issues.map((i) => i.name);
    const body = table($('play-history'), [{ text: 'round', num: true }, 'party', 'action', 'offer', { text: 'your utility', num: true }], []);
    for (const h of v.history || []) {
      body.append(el('tr', { className: h.party === v.name ? 'mine' : h.action === 'accept' ? 'agreed' : '' },
        el('td', { className: 'num', text: String(h.round) }), el('td', { text: h.party }), el('td', { text: h.action }),
        el('td', { text: outcomeText(h.outcome, names) }), el('td', { className: 'num', text: fixed(h.utility, 4) })));
    }
    const offers = (v.history || []).filter((h) => h.outcome && Number.isFinite(h.utility));
    const parties = [...new Set(offers.map((h) => h.party))];
    if (!parties.includes(v.name)) parties.unshift(v.name);
    const events = offers.map((h, k) => ({ step: k, round: h.round, time: v.rounds ? h.round / (v.rounds + 1) : k,
      actor: parties.indexOf(h.party), utilities: parties.map(() => h.utility), offer: h.outcome }));
    const own = parties.indexOf(v.name);
    const agreement = v.result && Array.isArray(v.result.agreement)
      ? { utilities: parties.map(() => v.result.undiscounted_utility ?? v.result.utility), time: v.time } : null;
    drawOverTime($('play-chart'), { parties, party: own, events, reservation: v.reservation_value, agreement });
  }

  function renderResult() {
    const v = view;
    const panel = $('play-result-panel');
    panel.hidden = !v.result;
    if (!v.result) return;
    const r = v.result;
    const box = clear($('play-result'));
    const cards = el('div', { className: 'cards' });
    const agreed = Array.isArray(r.agreement) ? r.agreement : null;
    const how = r.timed_out ? 'you did not move in time' : agreed && r.rounds ? `in round ${r.rounds}` : r.end ?? r.end_reason ?? '';
    cards.append(card('result', agreed ? 'agreement' : 'no agreement', how, agreed ? 'good' : 'bad'));
    const utility = card('your utility', fixed(r.utility, 4), r.undiscounted_utility !== undefined && r.undiscounted_utility !== r.utility
      ? `undiscounted ${fixed(r.undiscounted_utility, 4)}` : '');
    utility.id = 'play-result-utility';
    utility.dataset.utility = String(r.utility);
    utility.dataset.undiscounted = String(r.undiscounted_utility);
    cards.append(utility);
    box.append(cards);
    if (agreed) {
      box.append(el('p', { id: 'play-agreement', text: `Agreed: ${outcomeText(agreed, v.issues.map((i) => i.name))}`,
        data: { outcome: JSON.stringify(agreed) } }));
    }
  }

  async function move(body) {
    if (!seat || sending) return;
    sending = true;
    try {
      await api(path(), body);
      await refresh();
    } catch (error) {
      sayError(error);
    } finally {
      sending = false;
    }
  }

  $('play-form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (!view || !view.your_turn || view.state === 'done') return;
    readBuilt();
    move({ action: 'offer', outcome: outcomeForServer() });
  });
  // Enter sends the offer from any field of the form, selects included.
  $('play-form').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !(event.target instanceof HTMLButtonElement)) {
      event.preventDefault();
      $('play-form').requestSubmit();
    }
  });
  $('play-accept').addEventListener('click', () => move({ action: 'accept' }));
  $('play-end').addEventListener('click', () => move({ action: 'end' }));
  $('play-best').addEventListener('click', () => { if (view && view.best) setBuilt(view.best.outcome.map(String)); });
  return { open, close };
})();

// ---------------------------------------------------------------------------------------------
// Mediate: the mediator's assistant on the open scenario, with what-if sliders.

const mediate = (() => {
  const plot = new UtilitySpace($('mediate-plot'));
  let whatIf = null;      // a copy of the open scenario with the sliders' values
  let answer = null;
  let analysis = null;
  let serial = 0;

  function reset() {
    whatIf = state.scenario ? JSON.parse(JSON.stringify(state.scenario)) : null;
    answer = null;
    analysis = null;
    if (whatIf) {
      const names = partyNames(whatIf);
      fillSelect($('mediate-pair-x'), names.map((n, i) => [i, n]), 0);
      fillSelect($('mediate-pair-y'), names.map((n, i) => [i, n]), Math.min(1, names.length - 1));
    }
    renderSliders();
    if (state.view === 'mediate') query();
  }

  function slider(label, value, max, onInput, data) {
    const output = el('output', { text: fixed(value, 2) });
    const input = el('input', { type: 'range', min: '0', max: String(max), step: String(max / 100), value: String(value),
      attrs: { 'aria-label': label }, data });
    input.addEventListener('input', () => {
      output.textContent = fixed(input.valueAsNumber, 2);
      onInput(input.valueAsNumber);
      querySoon();
    });
    return el('label', { className: 'slider' }, el('span', {}, `${label}: `, output), input);
  }

  function renderSliders() {
    const box = clear($('mediate-whatif'));
    $('mediate-scenario-note').textContent = whatIf ? `Scenario: ${whatIf.name}${state.edited ? ' (edited)' : ''}` : 'Open a scenario first (Scenario view).';
    if (!whatIf) return;
    whatIf.parties.forEach((party, p) => {
      const group = el('fieldset', { data: { party: p } }, el('legend', {}, el('span', { className: 'party-swatch',
        attrs: { style: `background:${colourOf(p)}` } }), party.name));
      const fallback = startReservation(party);
      group.append(slider('fallback (reservation value)', Math.max(0, Math.min(1, fallback)), 1, (v) => {
        delete party.reservation_schedule;
        party.reservation_value = v;
      }, { role: 'fallback', party: p }));
      if (party.utility && party.utility.type === 'linear-additive') {
        const weights = party.utility.weights;
        const values = whatIf.issues.map((i) => estimate(weights[i.name]));
        const max = Math.max(1, ...values.map((w) => w * 2));
        whatIf.issues.forEach((issue, k) => {
          group.append(slider(`weight of ${issue.name}`, values[k], Math.round(max * 100) / 100, (v) => { weights[issue.name] = v; },
            { role: 'weight', party: p, issue: issue.name }));
        });
      }
      box.append(group);
    });
  }

  async function query() {
    if (!whatIf) return;
    const mine = ++serial;
    $('mediate-cards').dataset.state = 'asking';
    const time = Number($('mediate-time').value);
    try {
      const [mediation, space] = await Promise.all([
        api('/api/mediate', { scenario: whatIf, times: [time], top: 5 }),
        api('/api/analyze', { scenario: whatIf }),
      ]);
      if (mine !== serial) return;
      answer = mediation;
      analysis = space;
      render(time);
      $('mediate-cards').dataset.state = 'ready';
    } catch (error) {
      if (mine === serial) {
        $('mediate-cards').dataset.state = 'failed';
        sayError(error);
      }
    }
  }
  const debouncedQuery = debounce(query, 150);
  function querySoon() {
    ++serial;
    $('mediate-cards').dataset.state = 'editing';
    debouncedQuery();
  }

  function momentAt(track, time) {
    const moments = track.moments || [];
    return moments.find((m) => Math.abs(m.time - time) < 1e-9) || moments[moments.length - 1];
  }

  function render(time) {
    const track = answer.tracks[0];
    const moment = momentAt(track, time);
    const parties = track.parties || partyNames(whatIf);
    const cards = clear($('mediate-cards'));
    const zone = moment.zone;
    const zoneCard = card('is there a deal?', zone.exists ? `yes: ${plural(zone.size, 'package')}` : 'no: the zone is empty',
      zone.fraction !== undefined ? `${fixed(zone.fraction * 100, 1)}% of ${track.packages} packages, at t = ${fixed(moment.time, 2)}` : '',
      zone.exists ? 'good' : 'bad');
    zoneCard.id = 'mediate-zone';
    zoneCard.dataset.exists = String(zone.exists);
    zoneCard.dataset.size = String(zone.size ?? '');
    zoneCard.dataset.time = String(moment.time);
    zoneCard.dataset.fallbacks = JSON.stringify(parties.map((p) => moment.fallbacks[p]));
    cards.append(zoneCard);
    cards.append(card('fallbacks', parties.map((p) => `${p}: ${fixed(moment.fallbacks[p], 3)}`).join(', ')));
    const block = card('stumbling block', moment.stumbling_block ?? 'none');
    block.id = 'mediate-block';
    cards.append(block);

    const packages = (moment.best || []).map((b, k) => ({ rank: k + 1, text: b.text ?? outcomeText(b.package),
      utilities: parties.map((p) => b.utilities[p]), gains: parties.map((p) => b.gains[p]), nash: b.nash_product }));
    const body = table($('mediate-packages'), [{ text: '#', num: true }, 'package', ...parties.map((p) => ({ text: `${p} (gain)`, num: true })),
      { text: 'Nash product', num: true }], []);
    for (const p of packages) {
      body.append(el('tr', { data: { rank: p.rank } }, el('td', { className: 'num', text: String(p.rank) }), el('td', { text: p.text }),
        p.utilities.map((u, k) => el('td', { className: 'num', text: `${fixed(u, 3)} (${p.gains[k] >= 0 ? '+' : ''}${fixed(p.gains[k], 3)})` })),
        el('td', { className: 'num', text: fixed(p.nash, 5) })));
    }
    if (!packages.length) body.append(el('tr', {}, el('td', { attrs: { colspan: parties.length + 3 }, text: 'No package beats every fallback.' })));

    const issues = table($('mediate-issues'), ['issue', 'settled at', { text: 'zone if settled', num: true }, { text: 'zone if removed', num: true }], []);
    for (const i of moment.issues || []) {
      issues.append(el('tr', { className: i.issue === moment.stumbling_block ? 'agreed' : '' }, el('td', { text: i.issue }),
        el('td', { text: i.settled ? String(i.settled.value) : '' }),
        el('td', { className: 'num', text: i.settled ? `${fixed(i.settled.fraction * 100, 1)}% (×${fixed(i.settled.growth, 2)})` : '' }),
        el('td', { className: 'num', text: i.removed && i.removed.defined ? `${fixed(i.removed.fraction * 100, 1)}% (×${fixed(i.removed.growth, 2)})`
          : i.removed ? (i.removed.why || 'not defined') : '' })));
    }

    const x = Number($('mediate-pair-x').value);
    const y = Number($('mediate-pair-y').value);
    plot.base = { parties, x, y, analysis, reservation: [moment.fallbacks[parties[x]], moment.fallbacks[parties[y]]],
      zoneText: zone.exists ? `zone of agreement at t = ${fixed(moment.time, 2)}: ${plural(zone.size, 'package')}` : `no zone of agreement at t = ${fixed(moment.time, 2)}` };
    plot.overlayData = { packages };
    plot.draw();
  }

  $('mediate-time').addEventListener('input', () => {
    $('mediate-time-value').textContent = fixed(Number($('mediate-time').value), 2);
    querySoon();
  });
  $('mediate-reset').addEventListener('click', reset);
  for (const id of ['mediate-pair-x', 'mediate-pair-y']) $(id).addEventListener('change', () => { if (answer) render(Number($('mediate-time').value)); });
  return {
    reset,
    shown() {
      if (!whatIf && state.scenario) reset();
      else if (!answer) query();
    },
    edited() { reset(); },
  };
})();

// ---------------------------------------------------------------------------------------------
// Tournament: negotiators against each other on several scenarios.

const tournament = (() => {
  let current = null;   // {id}
  let timer = null;

  function renderNegotiators() {
    const box = clear($('tournament-negotiators'));
    const query = $('tournament-negotiator-search').value.trim().toLowerCase();
    for (const n of (state.registry ? state.registry.negotiators : []).filter((n) => !n.interactive && n.name !== 'human')) {
      const checkbox = el('input', { type: 'checkbox', value: n.name, checked: ['boulware', 'conceder'].includes(n.name) });
      const label = el('label', { title: n.description, hidden: Boolean(query) && !n.name.includes(query) }, checkbox, n.name);
      box.append(label);
    }
  }

  function renderScenarios() {
    const box = clear($('tournament-scenarios'));
    const query = $('tournament-scenario-search').value.trim().toLowerCase();
    for (const s of state.scenarios) {
      const checkbox = el('input', { type: 'checkbox', value: s.source });
      const label = el('label', { title: s.source, hidden: Boolean(query) && !`${s.name} ${s.source}`.toLowerCase().includes(query) }, checkbox, s.name,
        el('span', { className: 'note', text: s.origin === 'built-in' ? ' (built-in)' : '' }));
      box.append(label);
    }
  }

  function filter(boxId, query) {
    for (const label of $(boxId).querySelectorAll('label')) label.hidden = Boolean(query) && !label.textContent.toLowerCase().includes(query);
  }

  async function start(event) {
    event.preventDefault();
    const negotiators = [...$('tournament-negotiators').querySelectorAll('input:checked')].map((i) => i.value);
    const scenarios = [...$('tournament-scenarios').querySelectorAll('input:checked')].map((i) => i.value);
    if (negotiators.length < 2) return say('Choose at least two negotiators.', 'error');
    if (!scenarios.length) return say('Choose at least one scenario.', 'error');
    clearTimeout(timer);
    try {
      const answer = await api('/api/tournaments', { negotiators, scenarios, repetitions: Number($('tournament-repetitions').value),
        rounds: Number($('tournament-rounds').value), protocol: $('tournament-protocol').value, seed: Number($('tournament-seed').value) });
      current = { id: answer.id };
      $('tournament-stop').disabled = false;
      $('tournament-report').hidden = true;
      poll();
    } catch (error) {
      sayError(error);
    }
  }

  async function poll() {
    if (!current) return;
    const mine = current;
    try {
      const t = await api(`/api/tournaments/${encodeURIComponent(mine.id)}`);
      if (mine !== current) return;
      $('tournament-progress').max = Math.max(1, t.total);
      $('tournament-progress').value = t.done;
      $('tournament-status').textContent = `Tournament ${t.id}: ${t.state}, ${t.done} of ${t.total} negotiations`
        + (t.elapsed_seconds !== undefined ? ` in ${fixed(t.elapsed_seconds, 1)} s` : '');
      $('tournament-status').dataset.state = t.state;
      const body = table($('tournament-ranking'), [{ text: '#', num: true }, 'negotiator', { text: 'mean utility', num: true },
        { text: 'agreements', num: true }, { text: 'negotiations', num: true }], []);
      (t.ranking || []).forEach((r, k) => body.append(el('tr', { data: { negotiator: r.negotiator, mean: r.mean_utility, agreementRate: r.agreement_rate } }, el('td', { className: 'num', text: String(k + 1) }),
        el('td', { text: r.negotiator }), el('td', { className: 'num', text: fixed(r.mean_utility, 4) }),
        el('td', { className: 'num', text: `${fixed(r.agreement_rate * 100, 1)}%` }), el('td', { className: 'num', text: String(r.negotiations) }))));
      if (t.state === 'running') {
        timer = setTimeout(poll, 500);
      } else {
        $('tournament-stop').disabled = true;
        const link = $('tournament-report');
        link.href = withToken(`/api/tournaments/${encodeURIComponent(t.id)}/report`);
        link.hidden = false;
      }
    } catch (error) {
      sayError(error);
      if (mine === current) timer = setTimeout(poll, 1500);
    }
  }

  async function stop() {
    if (!current) return;
    try {
      await api(`/api/tournaments/${encodeURIComponent(current.id)}/stop`, {});
    } catch (error) {
      sayError(error);
    }
  }

  $('tournament-form').addEventListener('submit', start);
  $('tournament-stop').addEventListener('click', stop);
  $('tournament-negotiator-search').addEventListener('input', () => filter('tournament-negotiators', $('tournament-negotiator-search').value.trim().toLowerCase()));
  $('tournament-scenario-search').addEventListener('input', () => filter('tournament-scenarios', $('tournament-scenario-search').value.trim().toLowerCase()));
  return { renderNegotiators, renderScenarios };
})();

// ---------------------------------------------------------------------------------------------
// Routing by the address's hash: #scenario, #negotiate, #play/RUN/SEAT, #mediate, #tournament, #replay.

const kViews = ['scenario', 'negotiate', 'play', 'mediate', 'tournament', 'replay'];

function route() {
  const parts = location.hash.replace(/^#/, '').split('/').map(decodeURIComponent);
  const view = kViews.includes(parts[0]) ? parts[0] : 'scenario';
  state.view = view;
  for (const name of kViews) $(`view-${name}`).hidden = name !== view;
  for (const link of document.querySelectorAll('.tabs a')) link.classList.toggle('active', link.dataset.view === view);
  document.body.dataset.view = view;
  if (view !== 'play') play.close();
  if (view === 'play') {
    if (parts.length < 3) return say('A seat address reads #play/RUN/SEAT.', 'error');
    document.title = `Parley Studio: seat ${parts[2]} of ${parts[1]}`;
    play.open(parts[1], parts[2]);
    return;
  }
  document.title = 'Parley Studio';
  if (view === 'negotiate') negotiate.shown();
  if (view === 'replay') replay.shown();
  if (view === 'mediate') mediate.shown();
}

function wire() {
  $('scenario-search').addEventListener('input', renderScenarioList);
  $('scenario-upload').addEventListener('change', (event) => { if (event.target.files[0]) uploadScenario(event.target.files[0]); });
  for (const id of ['pair-x', 'pair-y']) $(id).addEventListener('change', renderAnalysis);
  $('save-form').addEventListener('submit', saveScenario);
  window.addEventListener('hashchange', route);
  // What-if starts from the scenario as edited.
  analysisListeners.push(() => { if (state.edited) mediate.edited(); });
}

async function start() {
  wire();
  route();
  if (!token) say('This address has no access token: open the address `parley serve` printed.', 'error');
  try {
    const [info, registry] = await Promise.all([api('/api/info'), api('/api/registry')]);
    state.info = info;
    state.registry = registry;
    $('open-scenario').title = `Parley ${info.version}`;
    negotiate.registryLoaded();
    tournament.renderNegotiators();
  } catch (error) {
    sayError(error);
  }
  if (state.view !== 'play') await loadScenarioList();
}

start();
