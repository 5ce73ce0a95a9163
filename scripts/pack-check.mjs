#!/usr/bin/env node
// `pnpm pack-check`: checks every published package (every workspace package that is not
// private) the way an outside application receives it.
//
//  1. Builds them (`turbo run build`, cached) and packs each with `pnpm pack`, which
//     rewrites `workspace:*` to versions and applies `publishConfig`.
//  2. Checks each tarball's file list: a README, no compile-cache or other cache files,
//     no temp files, no test reports.
//  3. Installs all tarballs into a fresh npm project in a temp directory (`npm install
//     <tarballs>`): the @flynn dependencies come from the other tarballs (checked: every
//     installed @flynn package is one of them), third-party ones from the npm registry.
//  4. Per package: imports it from ESM (`node --input-type=module -e "import * as m ..."`)
//     and expects exports; runs each bin with `--help` (and `flynn --version`, offline
//     `flynn doctor`, `flynn config validate`, `flynn-tui` to its first prompt); compiles a consumer of its types with `skipLibCheck: false` and no
//     Node types: a package whose types need them must declare `@types/node`
//     (peerDependencies or dependencies); runs `publint --strict` on the tarball and `attw --profile esm-only` on the tarball.
//  5. Compiles one consumer of every package with `types: ["node"]`, as a Node app has.
//
// Ends with one line per package and `N passed, N failed` (packages); exit 1 when any
// check failed. Options: `--no-build` (use the existing dist/), `--keep` (keep the temp
// directory), `--filter @flynn/x` (repeatable; its @flynn dependencies are packed too).
// Needs only the npm registry (for third-party dependencies); publint and attw are root
// devDependencies.
import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const rootRequire = createRequire(join(root, 'package.json'));
const bin = (pkg, file) => join(root, 'node_modules', pkg, file);
const tsc = rootRequire.resolve('typescript/bin/tsc');
const attw = bin('@arethetypeswrong/cli', 'dist/index.js');
const publint = bin('publint', 'src/cli.js');

const args = process.argv.slice(2);
const keep = args.includes('--keep');
const build = !args.includes('--no-build');
const filters = args.flatMap((arg, i) => (args[i - 1] === '--filter' ? [arg] : []));

// Files that must never ship: V8 compile caches (the CLI writes one next to its bundle),
// any other cache, temp files from an atomic write, test reports, turbo logs, sources.
const FORBIDDEN = [
  /\.v8cache(\.|$)/,
  /\.cache$/,
  /(^|\/)\.?cache\//,
  /(^|\/)compile-cache\//,
  /\.tmp$/,
  /(^|\/)\.test-report\.json$/,
  /(^|\/)\.turbo\//,
  /(^|\/)node_modules\//,
  /\.test\.[cm]?[jt]s$/,
];

// Workspace packages -------------------------------------------------------------------
const all = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, group, entry.name, 'package.json')),
    )
    .map((entry) => {
      const dir = join(root, group, entry.name);
      return { dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) };
    }),
);
const byName = new Map(all.map((pkg) => [pkg.manifest.name, pkg]));
const flynnDeps = (manifest) =>
  Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).filter((name) =>
    byName.has(name),
  );
const published = all.filter((pkg) => !pkg.manifest.private);
let selected = published;
if (filters.length > 0) {
  const wanted = new Set();
  const add = (name) => {
    if (wanted.has(name)) return;
    wanted.add(name);
    for (const dep of flynnDeps(byName.get(name)?.manifest ?? {})) add(dep);
  };
  for (const name of filters) add(name);
  selected = published.filter((pkg) => wanted.has(pkg.manifest.name));
}

// Results ------------------------------------------------------------------------------
const results = new Map(selected.map((pkg) => [pkg.manifest.name, []]));
const fail = (name, check, detail) => results.get(name).push({ ok: false, check, detail });
const pass = (name, check, detail = '') => results.get(name).push({ ok: true, check, detail });
const failedNames = () => [...results].filter(([, r]) => r.some((c) => !c.ok)).map(([n]) => n);

// npm must not see pnpm's per-script variables (user agent, lifecycle, package fields).
const npmEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) =>
      !/^npm_(lifecycle_|package_|command$|execpath$|config_user_agent$|node_execpath$)/.test(
        key,
      ) && !key.startsWith('PNPM_'),
  ),
);

function run(command, argv, options = {}) {
  const result = spawnSync(command, argv, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    ...options,
    env: { ...npmEnv, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`;
  return { status: result.status, output: output.trim() };
}

function runAsync(command, argv, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, argv, {
      ...options,
      env: { ...npmEnv, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolve({ status: null, output: String(error) }));
    child.on('close', (status) => resolve({ status, output: output.trim() }));
  });
}

const indent = (text, lines = 40) =>
  text
    .split('\n')
    .slice(0, lines)
    .map((line) => `      ${line}`)
    .join('\n');

const work = mkdtempSync(join(tmpdir(), 'flynn-pack-check-'));
const tarballs = join(work, 'tarballs');
const consumer = join(work, 'consumer');
mkdirSync(tarballs);
mkdirSync(consumer);
process.on('exit', () => {
  if (keep) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

// 1. Build and pack ---------------------------------------------------------------------
if (build) {
  console.log(`pack-check: building ${selected.map((pkg) => pkg.manifest.name).join(', ')}`);
  const turbo = run(
    'pnpm',
    [
      'exec',
      'turbo',
      'run',
      'build',
      '--continue',
      '--output-logs=errors-only',
      ...selected.flatMap((pkg) => ['--filter', pkg.manifest.name]),
    ],
    { cwd: root, env: { TURBO_TELEMETRY_DISABLED: '1' } },
  );
  if (turbo.status !== 0) console.log(indent(turbo.output, 60));
}

const packed = new Map();
for (const pkg of selected) {
  const { name } = pkg.manifest;
  const missing = ['main', 'types'].filter(
    (field) => pkg.manifest[field] && !existsSync(join(pkg.dir, pkg.manifest[field])),
  );
  if (missing.length > 0) {
    fail(name, 'build', `not built: ${missing.map((f) => pkg.manifest[f]).join(', ')} missing`);
    continue;
  }
  const result = run('pnpm', ['pack', '--json', '--pack-destination', tarballs], { cwd: pkg.dir });
  if (result.status !== 0) {
    fail(name, 'pack', result.output);
    continue;
  }
  const info = JSON.parse(result.output.slice(result.output.indexOf('{')));
  const files = info.files.map((file) => file.path);
  packed.set(name, { ...pkg, tarball: info.filename, files });
  pass(name, 'pack', `${files.length} files, ${(info.size / 1024).toFixed(0)} kB packed`);

  // 2. Tarball contents
  const forbidden = files.filter((file) => FORBIDDEN.some((pattern) => pattern.test(file)));
  if (forbidden.length > 0) fail(name, 'files', `must not ship: ${forbidden.join(', ')}`);
  else if (!files.some((file) => /^readme(\.md)?$/i.test(file))) fail(name, 'files', 'no README');
  else pass(name, 'files');
}

// A package whose @flynn dependency did not pack cannot be installed from tarballs alone
// (npm would look for it on the registry, where @flynn/* is not ours).
let changed = true;
while (changed) {
  changed = false;
  for (const [name, pkg] of packed) {
    const absent = flynnDeps(pkg.manifest).filter((dep) => !packed.has(dep));
    if (absent.length > 0) {
      fail(name, 'install', `not installed: needs ${absent.join(', ')}, which did not pack`);
      packed.delete(name);
      changed = true;
    }
  }
}

// 3. Install into a fresh npm project --------------------------------------------------
let installed = false;
if (packed.size > 0) {
  writeFileSync(
    join(consumer, 'package.json'),
    `${JSON.stringify({ name: 'flynn-pack-check-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  console.log(`pack-check: npm install ${packed.size} tarballs into ${consumer}`);
  const install = run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--loglevel=error',
      ...[...packed.values()].map((pkg) => pkg.tarball),
    ],
    { cwd: consumer },
  );
  if (install.status !== 0) {
    for (const name of packed.keys()) fail(name, 'install', install.output);
  } else {
    // Every @flynn package in the tree must be one of the tarballs, never a registry copy.
    const lock = JSON.parse(readFileSync(join(consumer, 'package-lock.json'), 'utf8'));
    const strays = Object.entries(lock.packages ?? {}).filter(
      ([path, entry]) =>
        /(^|\/)node_modules\/@flynn\//.test(path) &&
        !(path.split('node_modules/').length === 2 && String(entry.resolved).startsWith('file:')),
    );
    if (strays.length > 0) {
      for (const name of packed.keys())
        fail(
          name,
          'install',
          `@flynn packages not from the tarballs: ${strays.map(([p]) => p).join(', ')}`,
        );
    } else {
      installed = true;
      for (const name of packed.keys()) pass(name, 'install');
    }
  }
}

// 4. Per-package checks -----------------------------------------------------------------
const hasNodeTypes = (manifest) =>
  Boolean(manifest.peerDependencies?.['@types/node'] ?? manifest.dependencies?.['@types/node']);

function writeTsconfig(dir, types, files) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2023',
        lib: ['ES2023'],
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        types,
        strict: true,
        skipLibCheck: false,
        noEmit: true,
      },
      files,
    }),
  );
}

const importName = (name) => name.replace(/[^a-z0-9]/gi, '_');
const smoke = {
  '@flynn/cli': [
    { bin: 'flynn', argv: ['--version'], expect: (out, pkg) => out === pkg.manifest.version },
    { bin: 'flynn', argv: ['--help'] },
    // Offline doctor on an empty home: exit 1 (no credentials) is the honest answer.
    { bin: 'flynn', argv: ['doctor'], codes: [0, 1], expect: (out) => /default/.test(out) },
    // Parses the shipped defaults: loads yaml and zod from their own files (dist/*.cjs).
    { bin: 'flynn', argv: ['config', 'validate'], expect: (out) => /Config is valid/.test(out) },
  ],
  // Reads the config (yaml and zod) and shows the prompt; end of input exits.
  '@flynn/tui': [
    { bin: 'flynn-tui', argv: [], expect: (out) => /^default \(claude-sonnet-4-5\) ›/.test(out) },
  ],
};

async function checkPackage(pkg) {
  const { name } = pkg.manifest;
  const checks = [];

  // ESM import: the package loads and has exports.
  checks.push(
    runAsync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `import * as m from '${name}'; const n = Object.keys(m); if (n.length === 0) throw new Error('no exports'); console.log(n.length + ' exports');`,
      ],
      { cwd: consumer },
    ).then((r) =>
      r.status === 0 ? pass(name, 'import', r.output) : fail(name, 'import', r.output),
    ),
  );

  // Bins: each runs with --help; the CLI also answers --version and runs offline doctor.
  const bins =
    typeof pkg.manifest.bin === 'string' ? { [name]: pkg.manifest.bin } : (pkg.manifest.bin ?? {});
  const runs = [
    ...Object.keys(bins).map((b) => ({ bin: b, argv: ['--help'] })),
    ...(smoke[name] ?? []).filter((s) => !(s.argv[0] === '--help')),
  ];
  const home = join(work, `home-${importName(name)}`);
  mkdirSync(home, { recursive: true });
  for (const s of runs) {
    checks.push(
      runAsync(join(consumer, 'node_modules', '.bin', s.bin), s.argv, {
        cwd: consumer,
        env: { HOME: home, FLYNN_CONFIG_DIR: join(home, 'flynn'), XDG_CONFIG_HOME: '', CI: '1' },
      }).then((r) => {
        const label = `bin ${s.bin} ${s.argv.join(' ')}`;
        const ok =
          (s.codes ?? [0]).includes(r.status) &&
          (s.expect ? s.expect(r.output, pkg) : r.output.length > 0);
        if (ok) pass(name, label);
        else fail(name, label, `exit ${r.status}\n${r.output}`);
      }),
    );
  }

  // Types without Node's: compile, or the package declares @types/node.
  const typesDir = join(consumer, `types-${importName(name)}`);
  writeTsconfig(typesDir, [], ['index.ts']);
  writeFileSync(
    join(typesDir, 'index.ts'),
    `import * as m from '${name}';\nexport type M = typeof m;\nexport const keys: string[] = Object.keys(m);\n`,
  );
  checks.push(
    runAsync(process.execPath, [tsc, '-p', typesDir], { cwd: consumer }).then((r) => {
      if (r.status === 0) pass(name, 'types (no @types/node)');
      else if (hasNodeTypes(pkg.manifest))
        pass(name, 'types (no @types/node)', 'need Node types; @types/node declared');
      else
        fail(
          name,
          'types (no @types/node)',
          `types need Node's but @types/node is not declared:\n${r.output}`,
        );
    }),
  );

  // publint on the tarball: its manifest and files, exactly as published.
  checks.push(
    runAsync(process.execPath, [publint, 'run', pkg.tarball, '--strict'], { cwd: consumer }).then(
      (r) => (r.status === 0 ? pass(name, 'publint') : fail(name, 'publint', r.output)),
    ),
  );

  // attw on the tarball. ESM-only packages: the CommonJS resolutions are not checked.
  checks.push(
    runAsync(process.execPath, [attw, pkg.tarball, '--profile', 'esm-only', '--format', 'ascii'], {
      cwd: consumer,
    }).then((r) => (r.status === 0 ? pass(name, 'attw') : fail(name, 'attw', r.output))),
  );

  await Promise.all(checks);
}

if (installed) {
  console.log('pack-check: import, bins, types, publint, attw');
  // Two packages at a time: each check is a process, and tsc and attw are CPU-bound.
  const queue = [...packed.values()];
  await Promise.all(
    [0, 1].map(async () => {
      for (let pkg = queue.shift(); pkg; pkg = queue.shift()) await checkPackage(pkg);
    }),
  );

  // 5. One consumer of everything, as a Node application (`types: ["node"]`).
  const anyNodeTypes = existsSync(join(consumer, 'node_modules', '@types', 'node'));
  const allDir = join(consumer, 'types-all');
  const names = [...packed.keys()];
  writeTsconfig(allDir, anyNodeTypes ? ['node'] : [], ['index.ts']);
  writeFileSync(
    join(allDir, 'index.ts'),
    names.map((n) => `import * as ${importName(n)} from '${n}';\n`).join('') +
      `export const all = [${names.map(importName).join(', ')}];\n`,
  );
  const r = run(process.execPath, [tsc, '-p', allDir], { cwd: consumer });
  for (const name of names) {
    const label = `types (with ${anyNodeTypes ? '@types/node' : 'no Node types'})`;
    const mine = r.output.split('\n').filter((line) => line.includes(`node_modules/${name}/`));
    if (r.status === 0) pass(name, label);
    else if (mine.length > 0 || names.length === 1) fail(name, label, mine.join('\n') || r.output);
    else pass(name, label, 'errors elsewhere only');
  }
  if (r.status !== 0)
    console.log(`\nconsumer of every package (${relative(work, allDir)}):\n${indent(r.output)}`);
}

// Report --------------------------------------------------------------------------------
console.log('');
for (const [name, checks] of results) {
  const failed = checks.filter((c) => !c.ok);
  const summary = checks.map((c) => `${c.ok ? '✓' : '✗'} ${c.check}`).join('  ');
  console.log(`${failed.length === 0 ? 'PASS' : 'FAIL'} ${name}: ${summary}`);
  for (const c of failed) console.log(`    ${c.check}:\n${indent(c.detail)}`);
}
const failedCount = failedNames().length;
console.log(`\n${results.size - failedCount} passed, ${failedCount} failed (packages)`);
process.exitCode = failedCount > 0 || results.size === 0 ? 1 : 0;
