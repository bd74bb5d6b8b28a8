#!/usr/bin/env node
/**
 * Makes sure Debian's Chromium and its UI locales are there for `npm start` and the e2e tests: on a
 * fresh Debian machine, as root, installs `chromium` and `chromium-l10n` with apt-get (the package
 * registries are reachable; Playwright's own browser download is not used). Elsewhere it says what
 * to install. Node only.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/**
 * Debian's `chromium` ships only the en-US UI locale; without `chromium-l10n` a German desktop
 * (LANGUAGE=de) gets an English browser. Checked by its German file.
 */
const GERMAN_LOCALE = process.env.CHROMIUM_LOCALES_DIR ? join(process.env.CHROMIUM_LOCALES_DIR, 'de.pak') : '/usr/lib/chromium/locales/de.pak';

/** The Debian packages missing on this machine, by the files they install. */
function missingPackages() {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  // A CHROMIUM_PATH elsewhere is somebody else's build with its own locales: only Debian's is checked.
  if ((!process.env.CHROMIUM_PATH || dirname(CHROMIUM) === '/usr/bin') && !existsSync(GERMAN_LOCALE)) missing.push('chromium-l10n');
  return missing;
}

/** True when Chromium and its UI locales are present (after installing them if this machine allows). */
export function ensureChromium() {
  let missing = missingPackages();
  if (missing.length === 0) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Missing ${missing.join(' and ')}: installing Debian's ${missing.join(' ')} with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env }) : update;
    if (install.status === 0) missing = missingPackages();
    if (missing.length === 0) return true;
  }
  if (missing.includes('chromium')) {
    console.error(`Chromium is needed at ${CHROMIUM}. Install Debian's packages (sudo apt-get install -y chromium chromium-l10n) or set CHROMIUM_PATH.`);
  } else {
    console.error(`Chromium's German UI locale is missing (${GERMAN_LOCALE}): the language test starts Chromium in German. Install it with: sudo apt-get install -y chromium-l10n`);
  }
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureChromium() ? 0 : 1);
