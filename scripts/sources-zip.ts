/**
 * The sources zip addons.mozilla.org asks for must rebuild the package it came with, byte for byte, by
 * `npm ci` and `npm run zip:firefox`. The build reads a few environment variables (default feeds, the
 * packaged snapshot, minification), so the zip records the values this build used in `build-inputs.env`,
 * which wxt.config.ts loads when it is present, and carries the packaged snapshot's files under
 * `build-inputs/snapshot/` (wherever the build read them from). Node only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import JSZip from 'jszip';

/** The file in the sources zip (never in the repository) holding the build's environment inputs. */
export const BUILD_INPUTS_FILE = 'build-inputs.env';
/** Where the sources zip carries the packaged snapshot. */
export const SNAPSHOT_IN_SOURCES = 'build-inputs/snapshot';

/** Environment variables wxt.config.ts turns into package contents. */
export const BUILD_INPUT_VARIABLES = ['WXT_DEFAULT_FEEDS', 'WXT_SNAPSHOT_DIR', 'WXT_NO_MINIFY'] as const;

/** Folders of the working tree that are scratch output, never sources (all git-ignored). */
export const SCRATCH_FOLDERS = ['test-results', 'demo-output', 'dist-bundle'];

/** Loads `build-inputs.env` from `root` when this tree was unpacked from a sources zip (variables already set win). */
export function loadRecordedBuildInputs(root: string): void {
  const file = resolve(root, BUILD_INPUTS_FILE);
  if (existsSync(file)) process.loadEnvFile(file);
}

/** `build-inputs.env` for the variables set in `env`; the snapshot is named by its place in the zip. */
export function buildInputsText(env: NodeJS.ProcessEnv): string {
  const lines: string[] = [];
  for (const name of BUILD_INPUT_VARIABLES) {
    const set = env[name]?.trim();
    if (!set) continue;
    const value = name === 'WXT_SNAPSHOT_DIR' ? SNAPSHOT_IN_SOURCES : set;
    if (/[\n"\\]/.test(value)) throw new Error(`${name} holds a newline, quote or backslash: it cannot be recorded for the sources zip`);
    lines.push(`${name}="${value}"`);
  }
  return lines.length === 0 ? '' : `# The environment this package was built with; wxt.config.ts loads it.\n${lines.join('\n')}\n`;
}

/**
 * Adds `build-inputs.env` and the snapshot's files (`{ absoluteSrc, name }`, name relative to the
 * snapshot folder) to the sources zip at `zipPath`, when the build had any input set.
 */
export async function recordBuildInputs(zipPath: string, env: NodeJS.ProcessEnv, snapshotFiles: { absoluteSrc: string; name: string }[]): Promise<void> {
  const text = buildInputsText(env);
  if (!text) return;
  const zip = await JSZip.loadAsync(readFileSync(zipPath));
  zip.file(BUILD_INPUTS_FILE, text);
  for (const file of snapshotFiles) zip.file(`${SNAPSHOT_IN_SOURCES}/${file.name}`, readFileSync(file.absoluteSrc));
  writeFileSync(zipPath, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } }));
}
