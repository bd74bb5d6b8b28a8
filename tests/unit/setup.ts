/** Per-test reset of the fake browser. Loaded by vitest.config.ts for every unit test. */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
