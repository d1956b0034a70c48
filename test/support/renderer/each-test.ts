/**
 * Per-test set-up shared by the renderer's component tests.
 */
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
import { setBridge } from '../../../renderer/src/api';
import { createFakeApi, type FakeApi } from './fake-api';

/**
 * Gives every test in the calling file a fresh fake API as the renderer's `window.locdesk`, and unmounts what the test
 * rendered afterwards, so no test sees another's recorded calls, canned answers or DOM. Call it once at the top of a
 * test file; the function it returns gives the current test's fake.
 */
export function freshFakeApiForEachTest(): () => FakeApi {
  let current: FakeApi | null = null;
  beforeEach(() => {
    current = createFakeApi();
    setBridge(current.bridge);
  });
  afterEach(() => {
    cleanup();
    setBridge(null);
    current = null;
  });
  return () => {
    if (current === null) throw new Error('The fake API exists only while a test runs.');
    return current;
  };
}
