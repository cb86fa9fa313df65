// What the Node.js test scripts (tests/browser/, tests/load/) share: reading their options and
// counting their checks. Each check prints one line; finish() prints "N passed, M failed" and
// exits non-zero on any failure (or when nothing was checked).
import { resolve } from 'node:path';

// Reads `--name value` pairs into a copy of `defaults`; values of the names in `paths` are
// resolved against the working directory. Exits with the usage line on anything else.
export function readOptions(usage, defaults, paths) {
  const options = { ...defaults };
  for (let i = 2; i < process.argv.length; i += 2) {
    const name = process.argv[i].replace(/^--/, '');
    if (!(name in options) || i + 1 >= process.argv.length) {
      console.error(`usage: ${usage}; got ${process.argv[i]}`);
      process.exit(2);
    }
    options[name] = paths.includes(name) ? resolve(process.argv[i + 1]) : process.argv[i + 1];
  }
  return options;
}

let passed = 0;
let failed = 0;

export function check(condition, what, detail = '') {
  if (condition) {
    passed++;
    console.log(`ok      ${what}`);
  } else {
    failed++;
    console.log(`FAILED  ${what}${detail ? `: ${detail}` : ''}`);
  }
}

export function checkEqual(actual, expected, what) {
  check(JSON.stringify(actual) === JSON.stringify(expected), what,
    `got ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

export function finish() {
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed === 0 && passed > 0 ? 0 : 1);
}
