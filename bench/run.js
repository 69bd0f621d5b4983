#!/usr/bin/env node
'use strict';
/** `node bench/run.js <name> [flags]` runs bench/<name>.js; without a known name it lists them. */
const { existsSync, readdirSync } = require('node:fs');
const path = require('node:path');

const NOT_BENCHMARKS = new Set(['run.js']);

function benchmarks() {
  return readdirSync(__dirname)
    .filter((f) => f.endsWith('.js') && !NOT_BENCHMARKS.has(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

function usage(message) {
  if (message) process.stderr.write(`${message}\n`);
  process.stderr.write(`usage: node bench/run.js <name> [--flag value ...]\nbenchmarks:\n${benchmarks().map((b) => `  ${b}\n`).join('')}`);
  process.exit(1);
}

const [name, ...rest] = process.argv.slice(2);
if (!name) usage();
if (!/^[a-z0-9-]+$/.test(name) || !existsSync(path.join(__dirname, `${name}.js`))) usage(`unknown benchmark "${name}"`);
require(path.join(__dirname, `${name}.js`)).main(rest);
