import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuthReason, AuthState } from '../../../common/contract';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { productionInfo, signedOut } from '../../../test/support/renderer/fake-api';
import { guideFor } from './reasons';
import { SignIn } from './SignIn';

const fake = freshFakeApiForEachTest();

const waiting: AuthState = { ...signedOut, status: 'signingIn', mode: 'loopback', signInHost: 'app.lokalise.com' };
const names = (): string[] => fake().calls.map((call) => call.name);

describe('SignIn', () => {
  it('starts the browser sign-in from the main button', () => {
    render(<SignIn state={signedOut} info={productionInfo} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Lokalise' }));
    expect(names()).toEqual(['auth.signIn']);
  });

  it('while waiting, names the host and offers copy, open again and cancel', async () => {
    render(<SignIn state={waiting} info={productionInfo} />);
    expect(screen.getByRole('region', { name: 'Waiting for the browser' }).textContent).toContain('at app.lokalise.com');
    expect(screen.queryByRole('button', { name: 'Sign in with Lokalise' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(names()).toEqual(['auth.copySignInLink', 'auth.openSignInLink', 'auth.cancelSignIn']);
    await screen.findByText(/Link copied/);
  });

  it('says when a stale browser answer was ignored', () => {
    render(<SignIn state={{ ...waiting, staleCallbackSeen: true }} info={productionInfo} />);
    expect(screen.getByText(/did not match this attempt/)).toBeTruthy();
  });

  it('asks for a pasted code with a warning, and submits it trimmed', () => {
    render(<SignIn state={{ ...signedOut, status: 'signingIn', mode: 'manual' }} info={productionInfo} />);
    expect(screen.getByText(/Never paste a code someone sent you/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Code shown by Lokalise'), { target: { value: '  abc  ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake().calls).toEqual([{ name: 'auth.submitCode', args: ['abc'] }]);
  });

  it('does not submit an empty code and says why', () => {
    render(<SignIn state={{ ...signedOut, status: 'signingIn', mode: 'manual' }} info={productionInfo} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake().calls).toEqual([]);
    expect(screen.getByRole('alert').textContent).toBe('Paste the code Lokalise showed you first.');
  });

  it('shows the reason a failed call gave', async () => {
    fake().respond('auth.signIn', Object.assign(new Error('Another sign-in is already running.'), { code: 'auth.busy' }));
    render(<SignIn state={signedOut} info={productionInfo} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Lokalise' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Another sign-in is already running.');
  });

  it('shows a configuration problem prominently, with what to do', () => {
    render(<SignIn state={signedOut} info={{ ...productionInfo, configProblem: 'Set LOCDESK_CLIENT_ID.' }} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Set LOCDESK_CLIENT_ID.');
    expect(alert.textContent).toContain('settings file');
  });

  it('marks demo mode with a badge', () => {
    render(<SignIn state={signedOut} info={{ ...productionInfo, mode: 'demo' }} />);
    expect(screen.getByText('Demo data')).toBeTruthy();
  });

  const reasons: AuthReason[] = [
    'denied',
    'timeout',
    'cancelled',
    'network',
    'configMissing',
    'portUnavailable',
    'sessionExpired',
    'vaultUnavailable',
    'exchangeFailed',
    'invalidCode',
    'browserFailed',
    'signedOut',
  ];

  it('gives every reason its own headline', () => {
    const headlines = reasons.map((reason) => guideFor(reason).headline);
    expect(new Set(headlines).size).toBe(reasons.length);
  });

  it.each(reasons)('shows the %s reason with its headline and main’s sentence, or its own when main sent none', (reason) => {
    const { unmount } = render(<SignIn state={{ ...signedOut, reason, message: `Main says ${reason}.` }} info={productionInfo} />);
    const notice = screen.getByText(guideFor(reason).headline).closest('.reason');
    expect(notice?.textContent).toContain(`Main says ${reason}.`);
    expect(notice?.getAttribute('role')).toBe(guideFor(reason).tone === 'problem' ? 'alert' : 'status');
    unmount();
    render(<SignIn state={{ ...signedOut, reason, message: null }} info={productionInfo} />);
    expect(screen.getByText(guideFor(reason).headline).closest('.reason')?.textContent).toContain(guideFor(reason).fallback);
  });

  it('leads a port problem to the paste-code fallback as the main action', () => {
    render(<SignIn state={{ ...signedOut, reason: 'portUnavailable', message: null }} info={productionInfo} />);
    expect(screen.getByRole('button', { name: 'Paste a code instead' }).className).toBe('primary');
    expect(screen.getByRole('button', { name: 'Sign in with Lokalise' }).className).not.toContain('primary');
    fireEvent.click(screen.getByRole('button', { name: 'Paste a code instead' }));
    expect(names()).toEqual(['auth.signInManually']);
  });

  it('keeps the browser sign-in as the main action after a timeout', () => {
    render(<SignIn state={{ ...signedOut, reason: 'timeout', message: null }} info={productionInfo} />);
    expect(screen.getByRole('button', { name: 'Sign in with Lokalise' }).className).toBe('primary');
  });

  it('offers a connection check after a network failure and reports the answer', async () => {
    fake().respond('app.connectivity', { online: false, message: 'No route to api.lokalise.com.', checkedAt: 1 });
    render(<SignIn state={{ ...signedOut, reason: 'network', message: null }} info={productionInfo} />);
    fireEvent.click(screen.getByRole('button', { name: 'Check connection' }));
    await screen.findByText('No route to api.lokalise.com.');
    fake().respond('app.connectivity', { online: true, message: null, checkedAt: 2 });
    fireEvent.click(screen.getByRole('button', { name: 'Check connection' }));
    await screen.findByText('Lokalise answers again. Sign in now.');
  });

  it('shows an invalid code next to the still-open code field', () => {
    render(<SignIn state={{ ...signedOut, status: 'signingIn', mode: 'manual', reason: 'invalidCode', message: null }} info={productionInfo} />);
    expect(screen.getByText(guideFor('invalidCode').headline)).toBeTruthy();
    expect(screen.getByLabelText('Code shown by Lokalise')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Paste a code instead' })).toBeNull();
  });

  it('shows a browser that failed to open together with copy and open again', () => {
    render(<SignIn state={{ ...waiting, reason: 'browserFailed', message: null }} info={productionInfo} />);
    expect(screen.getByText(guideFor('browserFailed').headline)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Copy link' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Open again' })).toBeTruthy();
  });

  it('says configMissing once when the configuration problem is already shown', async () => {
    render(
      <SignIn
        state={{ ...signedOut, status: 'error', reason: 'configMissing', message: 'Set LOCDESK_CLIENT_SECRET.' }}
        info={{ ...productionInfo, configProblem: 'Set LOCDESK_CLIENT_SECRET.' }}
      />,
    );
    await waitFor(() => expect(screen.getAllByText(/Set LOCDESK_CLIENT_SECRET\./)).toHaveLength(1));
  });
});
