/**
 * What the Firefox sources zip records so that `npm ci && npm run zip:firefox` rebuilds its package: the
 * build's environment inputs (the snapshot named by its place in the zip), loaded back without
 * overriding what the shell sets. The full rebuild is scripts/check-amo-build.mjs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_INPUTS_FILE, buildInputsText, loadRecordedBuildInputs, SNAPSHOT_IN_SOURCES } from '../../../scripts/sources-zip';

describe('sources zip build inputs', () => {
  const saved = { ...process.env };
  afterEach(() => {
    for (const name of ['WXT_DEFAULT_FEEDS', 'WXT_SNAPSHOT_DIR', 'WXT_NO_MINIFY']) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  it('records nothing for a build with no inputs set', () => {
    expect(buildInputsText({})).toBe('');
  });

  it('records the default feeds and names the snapshot by its place in the zip, wherever the build read it', () => {
    const text = buildInputsText({ WXT_DEFAULT_FEEDS: 'https://a.example/feed/,https://b.example/manifest.json', WXT_SNAPSHOT_DIR: '/home/me/snapshot', WXT_OUT_DIR: '/tmp/x' });
    expect(text).toContain('WXT_DEFAULT_FEEDS="https://a.example/feed/,https://b.example/manifest.json"');
    expect(text).toContain(`WXT_SNAPSHOT_DIR="${SNAPSHOT_IN_SOURCES}"`);
    expect(text).not.toContain('/home/me');
    expect(text).not.toContain('WXT_OUT_DIR');
  });

  it('refuses a value the env file could not carry', () => {
    expect(() => buildInputsText({ WXT_DEFAULT_FEEDS: 'https://a.example/"feed' })).toThrow(/cannot be recorded/);
  });

  it('loads the recorded inputs into the environment, a variable the shell sets winning', () => {
    const root = mkdtempSync(join(tmpdir(), 'hal-sources-'));
    writeFileSync(join(root, BUILD_INPUTS_FILE), buildInputsText({ WXT_DEFAULT_FEEDS: 'https://a.example/feed/', WXT_NO_MINIFY: '1' }));
    delete process.env.WXT_DEFAULT_FEEDS;
    process.env.WXT_NO_MINIFY = '0';
    loadRecordedBuildInputs(root);
    expect(process.env.WXT_DEFAULT_FEEDS).toBe('https://a.example/feed/');
    expect(process.env.WXT_NO_MINIFY).toBe('0');
  });
});
