import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { setApi } from '../api';
import { createFakeApi, signedOut } from '../testing/fake-api';
import { SignIn } from './SignIn';

afterEach(() => {
  cleanup();
  setApi(null);
});

describe('SignIn', () => {
  it('starts the browser sign-in from the main button', () => {
    const fake = createFakeApi();
    setApi(fake.api);
    render(<SignIn state={signedOut} info={null} />);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in with Lokalise' }));
    expect(fake.calls.map((call) => call.name)).toEqual(['auth.signIn']);
  });

  it('while waiting, names the host and offers copy, open again and cancel', () => {
    const fake = createFakeApi();
    setApi(fake.api);
    render(<SignIn state={{ ...signedOut, status: 'signingIn', mode: 'loopback', signInHost: 'app.lokalise.com' }} info={null} />);
    expect(screen.getByText(/at app\.lokalise\.com/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Copy link' }));
    fireEvent.click(screen.getByRole('button', { name: 'Open again' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake.calls.map((call) => call.name)).toEqual(['auth.copySignInLink', 'auth.openSignInLink', 'auth.cancelSignIn']);
  });

  it('submits a pasted code and warns against codes from others', () => {
    const fake = createFakeApi();
    setApi(fake.api);
    render(<SignIn state={{ ...signedOut, status: 'signingIn', mode: 'manual' }} info={null} />);
    expect(screen.getByText(/Never paste a code someone sent you/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Code shown by Lokalise'), { target: { value: 'abc' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(fake.calls).toEqual([{ name: 'auth.submitCode', args: ['abc'] }]);
  });

  it('shows the configuration problem and the reason message', () => {
    setApi(createFakeApi().api);
    render(
      <SignIn
        state={{ ...signedOut, reason: 'denied', message: 'You chose not to give Locdesk access.' }}
        info={{ version: '1', mode: 'production', configProblem: 'Set LOCDESK_CLIENT_ID.', authHost: 'app.lokalise.com', storeProblem: null }}
      />,
    );
    expect(screen.getAllByRole('alert').map((element) => element.textContent)).toContain('Set LOCDESK_CLIENT_ID.');
    expect(screen.getByRole('status').textContent).toBe('You chose not to give Locdesk access.');
  });
});
