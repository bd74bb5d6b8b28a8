/**
 * The product in real Firefox: the shared slice specs (tests/e2e-shared/slice.ts: sync over http, badge
 * and popup with related reading, URL variants, the no-match popup and no in-page sidebar).
 */
import { describe } from 'vitest';
import { useSyncedFirefox } from './support/synced-firefox';
import { sliceSpecs } from '../e2e-shared/slice';

describe('the product in real Firefox', () => {
  sliceSpecs(useSyncedFirefox());
});
