// Parley Studio under load on loopback: 100 clients at once, each starting negotiations through
// the API and polling them to their end, as pages do. Every answer must be correct (the result of
// each negotiation equals what `parley negotiate --json` prints for the same scenario, negotiators
// and seed), every request must be answered within its deadline, and the server's memory must stay
// flat once it keeps as many finished negotiations as it may (--max-runs).
//
//   node tests/load/studio_load_test.mjs --parley build/parley [--clients 100] [--rounds 3] [--check-memory no]
//
// Prints what it measured and "N passed, M failed"; exits non-zero on any failure.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, finish, readOptions } from '../checks.mjs';

const source = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const options = readOptions('studio_load_test.mjs --parley PATH [--clients N] [--rounds N] [--check-memory yes|no]',
  { parley: join(source, 'build', 'parley'), clients: '100', rounds: '3', 'check-memory': 'yes' }, ['parley']);
const clients = Number(options.clients);
const batches = Number(options.rounds);
const kRequestDeadlineMs = 30000;  // an answer later than this counts as none
const kMaxRuns = 128;              // more than clients: no client is ever refused for room
const scenario = join(source, 'scenarios', 'genius', 'CarA');
const seeds = [0, 1, 2, 3, 4];
const negotiators = ['boulware', 'random'];  // random: the seed matters


// What each seed must give, from the command line, not from the studio.
const expected = new Map();
for (const seed of seeds) {
  const out = execFileSync(options.parley, ['negotiate', '--scenario', scenario, '--negotiators', negotiators.join(','),
    '--rounds', '40', '--seed', String(seed), '--json'], { encoding: 'utf8' });
  const result = JSON.parse(out);
  expected.set(seed, JSON.stringify({ outcome: result.outcome ?? null, utilities: result.utilities, steps: result.steps }));
}

const server = spawn(options.parley, ['serve', '--port', '0', '--root', join(source, 'scenarios'),
  '--max-runs', String(kMaxRuns)], { stdio: ['ignore', 'pipe', 'inherit'] });
const address = await new Promise((resolvePromise, reject) => {
  let text = '';
  server.stdout.on('data', (chunk) => {
    text += chunk;
    const match = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([0-9a-f]+)/.exec(text);
    if (match) resolvePromise({ port: Number(match[1]), token: match[2] });
  });
  server.on('exit', (code) => reject(new Error(`parley serve exited with ${code}`)));
});
const exited = new Promise((r) => server.on('exit', (code, signal) => r(code ?? signal)));
const agent = new http.Agent({ keepAlive: true, maxSockets: clients });

function request(method, path, body) {
  return new Promise((resolvePromise, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({ host: '127.0.0.1', port: address.port, method, path, agent,
      headers: { 'X-Parley-Token': address.token, ...(data ? { 'Content-Type': 'application/json' } : {}) } },
    (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => resolvePromise({ status: res.statusCode, json: JSON.parse(text) }));
    });
    req.setTimeout(kRequestDeadlineMs, () => req.destroy(new Error(`${method} ${path}: no answer in ${kRequestDeadlineMs} ms`)));
    req.on('error', reject);
    if (data) req.write(data);
    req.end();
  });
}

function residentKb() {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

const problems = [];
let negotiations = 0;
let requests = 0;
// One client: `count` negotiations, one after the other, each polled to its end.
async function client(index, count) {
  for (let k = 0; k < count; ++k) {
    const seed = seeds[(index + k) % seeds.length];
    const started = await request('POST', '/api/runs', { source: scenario, negotiators, rounds: 40, seed });
    requests++;
    if (started.status !== 200) {
      problems.push(`client ${index}: POST /api/runs answered ${started.status}: ${JSON.stringify(started.json)}`);
      return;
    }
    let state;
    for (let since = 0; ;) {
      state = await request('GET', `/api/runs/${started.json.id}?since=${since}`);
      requests++;
      if (state.status !== 200) {
        problems.push(`client ${index}: GET run answered ${state.status}`);
        return;
      }
      since = state.json.next;
      if (state.json.state === 'done') break;
      await new Promise((r) => setTimeout(r, 10));
    }
    const result = state.json.result;
    const got = JSON.stringify({ outcome: result.outcome ?? null, utilities: result.utilities, steps: result.steps });
    if (got !== expected.get(seed)) problems.push(`client ${index}, seed ${seed}: ${got}, expected ${expected.get(seed)}`);
    if (state.json.next !== result.steps) problems.push(`client ${index}: ${state.json.next} events for ${result.steps} steps`);
    negotiations++;
  }
}

try {
  const before = residentKb();
  // Warm-up: enough negotiations to fill the --max-runs the server keeps.
  const warmStart = Date.now();
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i, 2)));
  const warmed = residentKb();
  console.log(`warm-up: ${negotiations} negotiations, ${requests} requests in ${Date.now() - warmStart} ms; ` +
              `memory ${before} KiB at start, ${warmed} KiB after`);
  const samples = [];
  for (let batch = 0; batch < batches; ++batch) {
    const start = Date.now();
    const done = negotiations;
    await Promise.all(Array.from({ length: clients }, (_, i) => client(i + batch, 3)));
    samples.push(residentKb());
    console.log(`batch ${batch + 1}: ${negotiations - done} negotiations by ${clients} clients at once in ` +
                `${Date.now() - start} ms; memory ${samples.at(-1)} KiB`);
  }
  check(problems.length === 0, `every answer correct (${negotiations} negotiations, ${requests} requests)`,
    problems.slice(0, 5).join('; '));
  check(negotiations === clients * (2 + 3 * batches), 'every negotiation ran to its end');
  // Flat: after the warm-up, the memory of later batches grows by less than a tenth (and 8 MiB of
  // allocator slack), though each batch runs as many negotiations as the warm-up and more.
  const most = Math.max(...samples);
  if (options['check-memory'] === 'yes') {
    check(most <= warmed * 1.1 + 8192, `memory flat after the warm-up: at most ${most} KiB against ${warmed} KiB`);
  }
} catch (error) {
  check(false, 'load test ran', String(error));
} finally {
  server.kill('SIGTERM');
  agent.destroy();
}
const exit = await exited;
check(exit === 0, 'parley serve stopped cleanly on SIGTERM', `exit ${exit}`);
finish();
