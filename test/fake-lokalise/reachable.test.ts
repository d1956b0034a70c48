import { afterEach, describe, expect, it } from 'vitest';
import { startFakeLokalise, type FakeLokalise } from './server';

let fake: FakeLokalise | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('setReachable', () => {
  it('drops every connection while unreachable, so clients see a network failure, and serves again after', async () => {
    fake = await startFakeLokalise({ projects: 1, keysPerProject: 10 });
    const { accessToken } = fake.issueTokens();
    const projects = (): Promise<Response> => fetch(`${fake!.apiUrl}projects`, { headers: { Authorization: `Bearer ${accessToken}` } });
    expect((await projects()).status).toBe(200);
    fake.setReachable(false);
    await expect(projects()).rejects.toThrow(TypeError);
    await expect(fetch(fake.origin, { method: 'HEAD' })).rejects.toThrow(TypeError);
    fake.setReachable(true);
    expect((await projects()).status).toBe(200);
  });
});
