#!/usr/bin/env node
'use strict';
require('../lib/main.js')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`error: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  });
