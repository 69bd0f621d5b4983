#!/usr/bin/env node
// The lab's container healthcheck: exits 0 when the URL answers 2xx within two seconds, 1 otherwise.
// Node is the one HTTP client every lab image has (the minimal base has no curl or wget).
'use strict';
const url = process.argv[2];
if (!url) {
  console.error('usage: http-probe.js URL');
  process.exit(2);
}
fetch(url, { signal: AbortSignal.timeout(2000) })
  .then((res) => process.exit(res.ok ? 0 : 1))
  .catch((err) => {
    console.error(`${url}: ${err.message}`);
    process.exit(1);
  });
