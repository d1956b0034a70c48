/**
 * Warms the child's HTTP stack before its clock starts. In the app, a sync starts in a long-running process whose
 * fetch has already signed in and listed projects; a bench child is a fresh process, and Node loads and compiles
 * its fetch implementation on the first call and opens its first connection (together 15-90 ms measured here).
 * Without this, that one-off cost lands on the first request of the measured run and, through the rate limiter's
 * window (request k waits for the answer to request k-6), pushes back every later request too. Both children warm up
 * alike, so the SDK comparison stays even.
 */
export async function warmHttp(apiUrl: string): Promise<void> {
  // No token: the fake answers 401 and does not count the request against the rate limit.
  const response = await fetch(`${apiUrl}projects`);
  await response.text();
}
