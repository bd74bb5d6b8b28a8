#!/usr/bin/env node
/**
 * Package check: the built extension carries no eval, no remote code, no analytics, no unsafe CSP, no
 * externally_connectable, and `web-ext lint` finds no errors in the Firefox build. Reads builds; writes nothing.
 *
 * Usage: node scripts/check-package.mjs [--build] [--test-build] [--chrome <dir>] [--firefox <dir>] [--no-lint]
 *   --build       rebuild both packages first (`wxt build`, `wxt build -b firefox`); missing builds are built anyway.
 *   --test-build  check the Chrome package the unit tests built (TEST_BUILD_DIR; `npm test` runs them first), built
 *                 there only when missing; the Firefox package is rebuilt.
 * Exits 1 on any error and prints one summary line last.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Patterns that must never appear in a built file: each is code that runs strings, or code from elsewhere. */
export const FORBIDDEN_CODE = [
  { name: 'eval(', pattern: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function(', pattern: /new\s+Function\s*\(/ },
  { name: 'string timer', pattern: /(?<![\w$.])set(?:Timeout|Interval)\s*\(\s*["'`]/ },
  { name: 'remote importScripts', pattern: /importScripts\s*\(\s*["'`](?:https?:)?\/\//i },
  { name: 'remote import()', pattern: /import\s*\(\s*["'`](?:https?:)?\/\//i },
  { name: 'remote static import', pattern: /\bfrom\s*["'`]https?:\/\//i },
  { name: 'remote <script src>', pattern: /<script[^>]+src\s*=\s*["']?(?:https?:)?\/\//i },
  { name: 'remote stylesheet', pattern: /<link[^>]+href\s*=\s*["']?(?:https?:)?\/\/[^>]*stylesheet|<link[^>]+stylesheet[^>]*href\s*=\s*["']?(?:https?:)?\/\//i },
];

/** Analytics, tag-manager, error-reporting and ad endpoints: the extension talks to feeds and nothing else. */
export const ANALYTICS_HOSTS = /google-analytics\.com|googletagmanager\.com|doubleclick\.net|googlesyndication\.com|api\.segment\.io|cdn\.segment\.com|mixpanel\.com|amplitude\.com|hotjar\.com|sentry\.io|ingest\.sentry|bugsnag\.com|datadoghq\.com|nr-data\.net|plausible\.io|posthog\.com|fullstory\.com|clarity\.ms|connect\.facebook\.net/i;

/** Ways our own source could turn feed text into markup; Preact's own internals are in the build, so this looks at source. */
export const FORBIDDEN_SOURCE = [
  { name: 'innerHTML', pattern: /\.innerHTML\s*=|\.outerHTML\s*=/ },
  { name: 'insertAdjacentHTML', pattern: /insertAdjacentHTML\s*\(/ },
  { name: 'dangerouslySetInnerHTML', pattern: /dangerouslySetInnerHTML/ },
  { name: 'document.write', pattern: /document\.write(?:ln)?\s*\(/ },
  { name: 'eval(', pattern: /(?<![\w$.])eval\s*\(/ },
  { name: 'new Function(', pattern: /new\s+Function\s*\(/ },
];

const SCANNED = new Set(['.js', '.mjs', '.html', '.json', '.css']);

/** Every file under `dir`, recursively. */
function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/**
 * Problems in the CSP of a manifest (MV2 string or MV3 object); none when it has no CSP (the browser default is strict).
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function cspProblems(manifest) {
  const csp = manifest.content_security_policy;
  if (csp === undefined) return [];
  const policies = typeof csp === 'string' ? [csp] : Object.values(csp ?? {}).map(String);
  const problems = [];
  for (const policy of policies) {
    if (/'unsafe-eval'/.test(policy)) problems.push(`CSP allows 'unsafe-eval': ${policy}`);
    for (const directive of policy.split(';').map((d) => d.trim())) {
      const [name, ...sources] = directive.split(/\s+/);
      if (!/^(script-src|script-src-elem|default-src|object-src|worker-src)$/.test(name ?? '')) continue;
      for (const source of sources) {
        if (source === "'unsafe-inline'" || source === '*' || /^(https?:|data:|blob:|\/\/)/.test(source) || /\./.test(source)) {
          problems.push(`CSP ${name} allows ${source}`);
        }
      }
    }
  }
  return problems;
}

/**
 * Manifest-level problems: CSP, externally_connectable, web-accessible resources beyond the sidebar's stylesheet.
 * @param {Record<string, any>} manifest
 * @returns {string[]}
 */
export function manifestProblems(manifest) {
  const problems = cspProblems(manifest);
  if (manifest.externally_connectable !== undefined) problems.push('externally_connectable is set: web pages or other extensions could message us');
  for (const entry of manifest.web_accessible_resources ?? []) {
    const resources = typeof entry === 'string' ? [entry] : entry.resources ?? [];
    for (const resource of resources) {
      if (!/^(content-scripts\/[\w-]+\.css|sidebar-frame\.html)$/.test(resource)) problems.push(`web-accessible resource beyond the sidebar frame and stylesheet: ${resource}`);
    }
  }
  return problems;
}

/**
 * Scans a built package directory.
 * @param {string} dir e.g. `.output/chrome-mv3`
 * @returns {{ files: number, problems: string[] }}
 */
export function scanPackage(dir) {
  const problems = [];
  const files = filesUnder(dir).filter((file) => SCANNED.has(extname(file)));
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const name = relative(dir, file);
    for (const { name: what, pattern } of FORBIDDEN_CODE) if (pattern.test(text)) problems.push(`${name}: ${what}`);
    const analytics = text.match(ANALYTICS_HOSTS);
    if (analytics) problems.push(`${name}: analytics host ${analytics[0]}`);
  }
  const manifestFile = join(dir, 'manifest.json');
  if (!existsSync(manifestFile)) problems.push('manifest.json missing');
  else problems.push(...manifestProblems(JSON.parse(readFileSync(manifestFile, 'utf8'))).map((p) => `manifest.json: ${p}`));
  return { files: files.length, problems };
}

/**
 * Scans our own source folders for HTML sinks and string evaluation.
 * @param {string} root repository root
 * @returns {string[]}
 */
export function scanSource(root) {
  const problems = [];
  for (const folder of ['components', 'entrypoints', 'lib']) {
    const dir = join(root, folder);
    if (!existsSync(dir)) continue;
    for (const file of filesUnder(dir).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f))) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, index) => {
        if (/^\s*(\/\/|\*|\/\*)/.test(line)) return; // comments may name the sinks they avoid
        for (const { name, pattern } of FORBIDDEN_SOURCE) if (pattern.test(line)) problems.push(`${relative(root, file)}:${index + 1}: ${name}`);
      });
    }
  }
  return problems;
}

/**
 * Runs `web-ext lint` on a Firefox build.
 * @param {string} dir e.g. `.output/firefox-mv3`
 * @returns {{ errors: string[], warnings: string[] }}
 */
export function lintFirefox(dir) {
  const bin = join(ROOT, 'node_modules', '.bin', 'web-ext');
  const result = spawnSync(bin, ['lint', '--source-dir', dir, '--output', 'json', '--no-config-discovery'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  let report;
  try {
    report = JSON.parse(result.stdout.slice(result.stdout.indexOf('{')));
  } catch {
    return { errors: [`web-ext lint gave no JSON report (exit ${result.status}): ${(result.stderr || result.stdout).slice(0, 500)}`], warnings: [] };
  }
  const line = (m) => `${m.code}${m.file ? ` (${m.file})` : ''}: ${m.message}`;
  return { errors: report.errors.map(line), warnings: report.warnings.map(line) };
}

/** Where the build tests put the one Chrome package they share (tests/unit/build/test-build.ts), and this check reads. */
export const TEST_BUILD_DIR = join(ROOT, '.output', 'test-build');

/**
 * Builds the production Chrome package the build tests and this check read into `outDir`: the built-in default feed
 * (no WXT_DEFAULT_FEEDS), the production JSX build (vitest's NODE_ENV=test would make the dev one). Throws on failure.
 */
export function buildTestPackage(outDir = TEST_BUILD_DIR) {
  const env = { ...process.env, WXT_OUT_DIR: outDir, NODE_ENV: 'production' };
  delete env.WXT_DEFAULT_FEEDS;
  execFileSync('npx', ['wxt', 'build'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
  return join(outDir, 'chrome-mv3');
}

/** Builds one package; returns an error line (with the build's last output) instead of throwing. */
function build(target, outDir) {
  try {
    if (target === 'test') buildTestPackage(outDir);
    else execFileSync('npx', ['wxt', 'build', ...(target === 'firefox' ? ['-b', 'firefox'] : [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    return undefined;
  } catch (error) {
    const output = `${error.stdout ?? ''}${error.stderr ?? ''}`.split('\n').filter((l) => /ERROR|error/i.test(l)).slice(0, 5).join(' | ');
    return `${target}: build failed: ${output || error.message}`;
  }
}

function firefoxDir(outDir) {
  for (const name of ['firefox-mv3', 'firefox-mv2']) if (existsSync(join(outDir, name, 'manifest.json'))) return join(outDir, name);
  return undefined;
}

function main(argv) {
  const arg = (flag) => {
    const index = argv.indexOf(flag);
    return index >= 0 ? argv[index + 1] : undefined;
  };
  const outDir = resolve(ROOT, process.env.WXT_OUT_DIR ?? '.output');
  const testBuild = argv.includes('--test-build');
  const chrome = resolve(arg('--chrome') ?? join(testBuild ? TEST_BUILD_DIR : outDir, 'chrome-mv3'));
  const errors = [];
  const built = (failure) => failure && errors.push(failure);
  if (testBuild) {
    // The unit tests' build of this run: the same Chrome package is not built again.
    if (!existsSync(join(chrome, 'manifest.json'))) built(build('test', TEST_BUILD_DIR));
  } else if (argv.includes('--build') || (!arg('--chrome') && !existsSync(join(chrome, 'manifest.json')))) built(build('chrome'));
  let firefox = arg('--firefox') ? resolve(arg('--firefox')) : firefoxDir(outDir);
  if (!argv.includes('--no-lint') && (argv.includes('--build') || testBuild || (!arg('--firefox') && !firefox))) {
    built(build('firefox'));
    firefox = firefoxDir(outDir);
  }

  const scan = existsSync(chrome) ? scanPackage(chrome) : { files: 0, problems: [`no Chrome build at ${chrome}`] };
  errors.push(...scan.problems.map((p) => `chrome: ${p}`));
  errors.push(...scanSource(ROOT).map((p) => `source: ${p}`));
  let lint = { errors: [], warnings: [] };
  if (!argv.includes('--no-lint')) {
    if (!firefox) errors.push('firefox: no Firefox build found');
    else {
      errors.push(...scanPackage(firefox).problems.map((p) => `firefox: ${p}`));
      lint = lintFirefox(firefox);
      errors.push(...lint.errors.map((e) => `web-ext lint: ${e}`));
    }
  }
  for (const warning of lint.warnings) console.log(`  warning  web-ext lint: ${warning}`);
  for (const error of errors) console.log(`  error    ${error}`);
  const lintPart = argv.includes('--no-lint') ? 'web-ext lint skipped' : `web-ext lint ${lint.errors.length} errors, ${lint.warnings.length} warnings`;
  const verdict = errors.length ? `FAIL, ${errors.length} problem(s) listed above` : 'OK, no eval, remote code, analytics, unsafe CSP or HTML sinks';
  console.log(`check-package: ${verdict} (${scan.files} Chrome files scanned; ${lintPart})`);
  return errors.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) process.exit(main(process.argv.slice(2)));
