#!/usr/bin/env node
/**
 * Makes sure Debian's Firefox ESR is there for the Firefox e2e tests: on a fresh Debian machine, as root,
 * installs it with apt-get (no browser download of puppeteer's own). Elsewhere it says what to install.
 * Node only.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** True when Firefox is present (after installing it if this machine allows). */
export function ensureFirefox() {
  if (existsSync(FIREFOX)) return true;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && existsSync('/usr/bin/apt-get')) {
    console.log(`Firefox not found at ${FIREFOX}: installing Debian's firefox-esr with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install = update.status === 0 ? spawnSync('apt-get', ['install', '-y', '-qq', 'firefox-esr'], { stdio: 'inherit', env }) : update;
    if (install.status === 0 && existsSync(FIREFOX)) return true;
  }
  console.error(`Firefox is needed at ${FIREFOX}. Install Debian's package (sudo apt-get install -y firefox-esr) or set FIREFOX_PATH.`);
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) process.exit(ensureFirefox() ? 0 : 1);
