/** Per-test reset of the fake browser and of the UI catalogue (English). Loaded by vitest.config.ts for every unit test. */
import { beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setMessageSource } from '../../lib/i18n/messages';
import { catalogSource, flatCatalog } from '../support/locale-catalog';

const english = catalogSource(await flatCatalog('en'));

beforeEach(() => {
  fakeBrowser.reset();
  setMessageSource(english);
});
