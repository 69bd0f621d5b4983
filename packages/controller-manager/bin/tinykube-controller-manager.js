#!/usr/bin/env node
'use strict';
require('../lib/main.js')
  .main(process.argv)
  .catch((err) => {
    process.stderr.write(`tinykube-controller-manager: ${err && err.message ? err.message : err}\n`);
    process.exit(1);
  });
