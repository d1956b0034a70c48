import { describe, expect, it } from 'vitest';
import { listCalls, listEvents } from './contract';

describe('the contract', () => {
  // The renderer tells a subscribe function from a call by its name (renderer/src/bridge-client.ts).
  it('names every event on… and no call that way', () => {
    expect(listEvents().filter((event) => !/^on[A-Z]/.test(event.name))).toEqual([]);
    expect(listCalls().filter((call) => /^on[A-Z]/.test(call.method))).toEqual([]);
  });
});
