#!/usr/bin/env node
// Stages what the lab image needs from the built workspace, for scripts/lab-image.sh:
//
//   .lab/deps/.pnpm/...       the production dependencies of the components, nothing else (no typescript,
//                             jest, eslint, swc, ...): the image is a third of the size of node_modules
//   .lab/app/packages/<pkg>/  package.json, lib/, bin/, proto/ and the pnpm symlinks of every package
//   .lab/app/bin/             tinykube-* commands (symlinks to the packages' bin scripts)
//   .lab/app/lab/             the container entry scripts
//
// Dependencies and the app are separate directories so the image gets them as separate layers: a code
// change rebuilds only the small app layer. The pnpm layout is kept as it is (relative symlinks into
// node_modules/.pnpm), so what runs in the image resolves modules exactly as it does in the workspace.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const out = path.join(root, '.lab');
const store = path.join(root, 'node_modules', '.pnpm');
const LAB_FILES = ['node-entrypoint.sh', 'http-probe.js'];
const PACKAGE_PARTS = ['package.json', 'lib', 'bin', 'proto', 'node_modules'];

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Where `dep` resolves from `dir`, as Node's module lookup finds it (node_modules of dir and its parents). */
function resolvePackageDir(dir, dep) {
  for (let d = dir; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'node_modules', dep);
    if (fs.existsSync(path.join(candidate, 'package.json'))) return fs.realpathSync(candidate);
    if (d === path.dirname(d)) return null;
  }
}

/** The real directories of every package the components load at run time (dependencies, transitively). */
function productionClosure(startDirs) {
  const seen = new Set();
  const queue = [...startDirs];
  while (queue.length > 0) {
    const dir = queue.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    const pkg = readJson(path.join(dir, 'package.json'));
    const deps = { ...pkg.dependencies, ...pkg.optionalDependencies, ...pkg.peerDependencies };
    for (const dep of Object.keys(deps)) {
      const found = resolvePackageDir(dir, dep);
      // Optional and peer dependencies may be absent; a missing required one would fail at run time, so
      // it is worth saying here rather than in a container log.
      if (found) queue.push(found);
      else if (pkg.dependencies && dep in pkg.dependencies) throw new Error(`${pkg.name}: dependency ${dep} not installed`);
    }
  }
  return seen;
}

const isTestOutput = (src) => /\.test\.(js|d\.ts)(\.map)?$/.test(src);

function copy(src, dest) {
  fs.cpSync(src, dest, {
    recursive: true,
    verbatimSymlinks: true,
    // pnpm's .bin shims hold absolute paths of this checkout; the image has its own bin/.
    filter: (s) => path.basename(s) !== '.bin' && !isTestOutput(s),
  });
}

function main() {
  fs.rmSync(out, { recursive: true, force: true });
  const app = path.join(out, 'app');
  const packagesDir = path.join(root, 'packages');
  const components = fs
    .readdirSync(packagesDir)
    .map((name) => path.join(packagesDir, name))
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')) && readJson(path.join(dir, 'package.json')).bin);

  const closure = productionClosure(components);
  let depCount = 0;
  for (const dir of closure) {
    if (dir.startsWith(packagesDir + path.sep)) {
      const name = path.relative(packagesDir, dir);
      for (const part of PACKAGE_PARTS) {
        const src = path.join(dir, part);
        if (fs.existsSync(src)) copy(src, path.join(app, 'packages', name, part));
      }
    } else if (dir.startsWith(store + path.sep)) {
      // Copy the whole store entry: the package plus the sibling symlinks pnpm resolves its deps through.
      const entry = path.relative(store, dir).split(path.sep)[0];
      const dest = path.join(out, 'deps', '.pnpm', entry);
      if (!fs.existsSync(dest)) {
        copy(path.join(store, entry), dest);
        depCount++;
      }
    } else {
      throw new Error(`unexpected package location ${dir}`);
    }
  }

  fs.mkdirSync(path.join(app, 'bin'), { recursive: true });
  for (const dir of components) {
    const { bin } = readJson(path.join(dir, 'package.json'));
    for (const [command, script] of Object.entries(typeof bin === 'string' ? { [path.basename(dir)]: bin } : bin)) {
      fs.symlinkSync(path.join('..', 'packages', path.basename(dir), script), path.join(app, 'bin', command));
    }
  }

  fs.mkdirSync(path.join(app, 'lab'), { recursive: true });
  for (const file of LAB_FILES) fs.copyFileSync(path.join(__dirname, file), path.join(app, 'lab', file));
  fs.chmodSync(path.join(app, 'lab', 'node-entrypoint.sh'), 0o755);
  fs.copyFileSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
  console.log(`stage-workspace: ${components.length} packages, ${depCount} dependencies in ${path.relative(root, out)}/`);
}

main();
