/**
 * Checks the GitHub workflows that publish the dataset and the release (`.github/workflows/*.yml`): every command they
 * run to build is one of our npm scripts (so what CI publishes is what the tests checked), the everyday-cc checkout is
 * sparse with exactly the three folders the build reads, and the Pages and release wiring is complete. actionlint
 * (`npm run lint:workflows`) checks the syntax and the actions' inputs; this checks our own rules.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_TOPIC, topicByName } from '../../../lib/model/topics';
import { topicSlug } from '../../../lib/model/feed-catalog';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

/** npm scripts the release calls that come with the packaging work (`wxt zip`); checked by name once package.json has them. */
const PACKAGING_SCRIPTS = new Set(['zip', 'zip:firefox']);

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  id?: string;
}
interface Job {
  steps: Step[];
  needs?: string | string[];
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  environment?: { name: string; url?: string };
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

function workflow(name: string): Workflow {
  return parse(readFileSync(join(ROOT, '.github', 'workflows', name), 'utf8')) as Workflow;
}
const WORKFLOWS = { 'dataset.yml': workflow('dataset.yml'), 'release.yml': workflow('release.yml') };

function steps(flow: Workflow): Step[] {
  return Object.values(flow.jobs).flatMap((job) => job.steps);
}

/** The shell commands of a `run:` block: one per line, `\`-continuations joined, comments and blank lines dropped. */
function commands(run: string): string[] {
  return run
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

/** Commands that only set a variable for later steps (`echo "NAME=…" >> "$GITHUB_ENV"`) or compute one in shell. */
const SETS_ENV = /^echo "[A-Z_]+=[^"]*" >> "\$GITHUB_ENV"$/;
const SHELL_ASSIGNMENT = /^(?:if \[ .* \]; then )?[a-z_]+="[^"`;]*"(?:; else [a-z_]+="[^"`;]*"; fi)?$/;
/** Tools that build, test or package: a workflow must reach them only through an npm script. */
const BUILD_TOOLS = /\b(?:npx|node|tsx|tsc|wxt|vitest|web-ext|playwright|esbuild|vite|zip|tar|actionlint)\b/;

/** Every command in the workflow that is not an npm install or npm script, with the step it is in. */
function nonNpmCommands(flow: Workflow): string[] {
  return steps(flow).flatMap((step) =>
    commands(step.run ?? '')
      .filter((cmd) => !/^npm (?:ci|run [a-z:-]+(?: -- .*)?)$/.test(cmd))
      .map((cmd) => `${step.name ?? step.run}: ${cmd}`),
  );
}

describe.each(Object.entries(WORKFLOWS))('%s', (_file, flow) => {
  it('runs only npm ci and npm scripts to build; other commands only set variables', () => {
    const others = nonNpmCommands(flow);
    for (const line of others) {
      const cmd = line.slice(line.indexOf(': ') + 2);
      expect(SETS_ENV.test(cmd) || SHELL_ASSIGNMENT.test(cmd), `not an npm script nor a variable: ${line}`).toBe(true);
      expect(cmd.replace(/\$\(git -C everyday-cc log -1 --format=%ct\)/, ''), `a build tool outside npm: ${line}`).not.toMatch(BUILD_TOOLS);
    }
  });

  it('calls only npm scripts that package.json defines', () => {
    const used = steps(flow).flatMap((step) => commands(step.run ?? '').flatMap((cmd) => /^npm run ([a-z:-]+)/.exec(cmd)?.[1] ?? []));
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) {
      if (PACKAGING_SCRIPTS.has(name) && !(name in scripts)) continue;
      expect(scripts, `npm run ${name}`).toHaveProperty([name]);
    }
  });

  it('installs with npm ci before any npm script, on Node 20 like the project', () => {
    const all = steps(flow);
    const ci = all.findIndex((s) => s.run === 'npm ci');
    const firstScript = all.findIndex((s) => s.run?.startsWith('npm run'));
    expect(ci).toBeGreaterThanOrEqual(0);
    expect(ci).toBeLessThan(firstScript);
    expect(all.find((s) => s.uses?.startsWith('actions/setup-node@'))?.with?.['node-version']).toBe(20);
  });

  it('checks out everyday-cc/ai sparsely: exactly _news, _archive/_news and _data/topics, blobs on demand', () => {
    const checkout = steps(flow).filter((s) => s.uses?.startsWith('actions/checkout@') && s.with?.repository === 'everyday-cc/ai');
    expect(checkout).toHaveLength(1);
    const options = checkout[0]!.with!;
    const folders = String(options['sparse-checkout'])
      .split('\n')
      .map((line) => line.trim().replace(/^\/|\/$/g, ''))
      .filter(Boolean);
    expect(folders.sort()).toEqual(['_archive/_news', '_data/topics', '_news']);
    expect(options.filter).toBe('blob:none');
    // Non-cone patterns: cone mode would also bring every file at the repository root.
    expect(options['sparse-checkout-cone-mode']).toBe(false);
    expect(options['fetch-depth'] ?? 1).toBe(1);
  });

  it('builds the bundles from that checkout with --by-topic and a build time pinned to its last commit', () => {
    const path = steps(flow).find((s) => s.with?.repository === 'everyday-cc/ai')?.with?.path;
    const build = steps(flow).find((s) => s.run?.startsWith('npm run dataset'));
    expect(build?.run).toMatch(new RegExp(`^npm run dataset -- build ${String(path)} --out [a-z_-]+ --by-topic$`));
    const pin = steps(flow).findIndex((s) => s.run?.includes('SOURCE_DATE_EPOCH='));
    expect(pin).toBeGreaterThanOrEqual(0);
    expect(pin).toBeLessThan(steps(flow).indexOf(build!));
    expect(steps(flow)[pin]?.run).toContain(`git -C ${String(path)} log -1`);
  });
});

describe('dataset.yml and release.yml build the dataset the same way', () => {
  const build = (flow: Workflow) => {
    const all = steps(flow);
    const from = all.findIndex((s) => s.with?.repository === 'everyday-cc/ai');
    const to = all.findIndex((s) => s.run?.startsWith('npm run dataset'));
    // Everything from the everyday-cc checkout to the dataset build, minus the release's own variables and any output folder name.
    return all
      .slice(from, to + 1)
      .filter((s) => !s.run?.includes('WXT_DEFAULT_FEEDS='))
      .map((s) => ({ ...s, run: s.run?.replace(/--out \S+/, '--out <dir>') }));
  };

  it('same checkout, same install, same pinned time, same build command', () => {
    expect(build(WORKFLOWS['release.yml'])).toEqual(build(WORKFLOWS['dataset.yml']));
    expect(build(WORKFLOWS['dataset.yml']).length).toBeGreaterThanOrEqual(4);
  });
});

describe('dataset.yml', () => {
  const flow = WORKFLOWS['dataset.yml'];
  const outDir = /--out (\S+)/.exec(steps(flow).find((s) => s.run?.startsWith('npm run dataset'))?.run ?? '')?.[1];

  it('runs daily and on demand', () => {
    expect(Object.keys(flow.on).sort()).toEqual(['schedule', 'workflow_dispatch']);
    expect(flow.on.schedule).toEqual([{ cron: expect.stringMatching(/^\d+ \d+ \* \* \*$/) }]);
  });

  it('uploads the build folder as the Pages artifact and deploys it with only the permissions Pages needs', () => {
    expect(flow.permissions).toEqual({ contents: 'read' });
    const upload = steps(flow).find((s) => s.uses?.startsWith('actions/upload-pages-artifact@'));
    expect(upload?.with?.path).toBe(outDir);
    const [deployName, deploy] = Object.entries(flow.jobs).find(([, job]) => job.steps.some((s) => s.uses?.startsWith('actions/deploy-pages@')))!;
    expect(deploy.permissions).toEqual({ pages: 'write', 'id-token': 'write' });
    expect(deploy.environment?.name).toBe('github-pages');
    const buildJob = Object.entries(flow.jobs).find(([, job]) => job.steps.includes(upload!))?.[0];
    expect(deployName).not.toBe(buildJob);
    expect(deploy.needs).toBe(buildJob);
  });
});

describe('release.yml', () => {
  const flow = WORKFLOWS['release.yml'];
  const job = Object.values(flow.jobs)[0]!;
  const outDir = /--out (\S+)/.exec(steps(flow).find((s) => s.run?.startsWith('npm run dataset'))?.run ?? '')?.[1];
  const feedsStep = steps(flow).find((s) => s.run?.includes('WXT_DEFAULT_FEEDS='))!;

  it('runs on version tags and may write the release', () => {
    expect(flow.on).toEqual({ push: { tags: ['v*'] } });
    expect(flow.permissions).toEqual({ contents: 'write' });
  });

  it('defaults to the repository’s own hosted health bundle plus the live health API', () => {
    expect(feedsStep.env).toEqual({ OWNER: '${{ github.repository_owner }}', REPO: '${{ github.event.repository.name }}' });
    expect(job.env?.SNAPSHOT_TOPIC).toBe(topicSlug(DEFAULT_TOPIC));
    expect(job.env?.LIVE_API_FEED).toBe(topicByName(DEFAULT_TOPIC)?.feed);
    expect(feedsStep.run).toContain('echo "WXT_DEFAULT_FEEDS=$base/topics/$SNAPSHOT_TOPIC/manifest.json,$LIVE_API_FEED" >> "$GITHUB_ENV"');
    expect(feedsStep.run).toContain('base="https://$host/$REPO"');
    expect(feedsStep.run).toContain('host="${OWNER,,}.github.io"');
  });

  it('packages the health topic bundle it just built into both zips, and attaches every zip to the release', () => {
    expect(feedsStep.run).toContain(`echo "WXT_SNAPSHOT_DIR=${outDir}/topics/$SNAPSHOT_TOPIC" >> "$GITHUB_ENV"`);
    const order = ['npm run dataset', 'npm run zip', 'npm run zip:firefox'].map((run) => steps(flow).findIndex((s) => s.run?.split(' --')[0] === run));
    expect(order.every((i) => i > steps(flow).indexOf(feedsStep))).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    const upload = steps(flow).find((s) => s.uses?.startsWith('softprops/action-gh-release@'));
    expect(upload?.with).toMatchObject({ files: '.output/*.zip', fail_on_unmatched_files: true });
    expect(steps(flow).indexOf(upload!)).toBeGreaterThan(Math.max(...order));
  });
});
