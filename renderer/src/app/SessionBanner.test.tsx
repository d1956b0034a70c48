import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { productionInfo, signedIn, signedOut } from '../../../test/support/renderer/fake-api';
import { SessionBanner } from './SessionBanner';

const fake = freshFakeApiForEachTest();

describe('SessionBanner', () => {
  it('is absent while a protected session is running', () => {
    const { container } = render(<SessionBanner auth={signedIn} info={productionInfo} />);
    expect(container.textContent).toBe('');
  });

  it('announces an expired session and offers to sign in again', () => {
    render(<SessionBanner auth={{ ...signedOut, reason: 'sessionExpired', message: null }} info={productionInfo} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('session has expired or was revoked');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(fake().calls.map((call) => call.name)).toEqual(['auth.signIn']);
  });

  it('uses main’s sentence for the expired session when it sent one', () => {
    render(<SessionBanner auth={{ ...signedOut, reason: 'sessionExpired', message: 'Access was revoked in Lokalise.' }} info={productionInfo} />);
    expect(screen.getByRole('alert').textContent).toContain('Access was revoked in Lokalise.');
  });

  it('confirms a sign-out as an alert', () => {
    render(<SessionBanner auth={{ ...signedOut, reason: 'signedOut', message: 'You are signed out and your tokens are deleted.' }} info={productionInfo} />);
    expect(screen.getByRole('alert').textContent).toContain('You are signed out and your tokens are deleted.');
  });

  it('says politely that browsing works when simply not signed in', () => {
    render(<SessionBanner auth={signedOut} info={productionInfo} />);
    expect(screen.getByRole('status').textContent).toContain('Browsing the offline library works');
  });

  it('offers the paste-code fallback first after a port problem', () => {
    render(<SessionBanner auth={{ ...signedOut, reason: 'portUnavailable', message: null }} info={productionInfo} />);
    const paste = screen.getByRole('button', { name: 'Paste a code instead' });
    expect(paste.className).toBe('primary');
    fireEvent.click(paste);
    expect(fake().calls.map((call) => call.name)).toEqual(['auth.signInManually']);
  });

  it('while signing in again, shows the waiting state with Cancel', () => {
    render(<SessionBanner auth={{ ...signedOut, status: 'signingIn', mode: 'loopback', signInHost: 'app.lokalise.com' }} info={productionInfo} />);
    expect(screen.getByText(/at app\.lokalise\.com/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(fake().calls.map((call) => call.name)).toEqual(['auth.cancelSignIn']);
  });

  it('while signing in again by code, shows the code field with its warning', () => {
    render(<SessionBanner auth={{ ...signedOut, status: 'signingIn', mode: 'manual' }} info={productionInfo} />);
    expect(screen.getByLabelText('Code shown by Lokalise')).toBeTruthy();
    expect(screen.getByText(/Never paste a code someone sent you/)).toBeTruthy();
  });

  it('asks to sign in again, naming the permission, when the sign-in lacks a scope', () => {
    const message = 'Your Lokalise sign-in does not let Locdesk read keys (read_keys). Sign in again and allow it on Lokalise’s page; your offline library stays available.';
    render(<SessionBanner auth={{ ...signedIn, reason: 'scopeMissing', message }} info={productionInfo} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Locdesk needs another permission.');
    expect(alert.textContent).toContain('read keys (read_keys)');
    fireEvent.click(screen.getByRole('button', { name: 'Sign in again' }));
    expect(fake().calls.map((call) => call.name)).toEqual(['auth.signIn']);
  });

  it('tells a session-only sign-in apart, and records the opt-in to keep it', async () => {
    render(<SessionBanner auth={{ ...signedIn, persistence: 'sessionOnly' }} info={productionInfo} />);
    expect(screen.getByRole('status').textContent).toContain('kept for this session only');
    fireEvent.click(screen.getByRole('button', { name: 'Keep me signed in anyway' }));
    expect(fake().calls).toEqual([{ name: 'settings.update', args: [{ allowWeakTokenStorage: true }] }]);
    await screen.findByText(/will remember your next sign-in/);
  });

  it('says nothing changed when the user declined main’s confirmation dialog', async () => {
    fake().respond('settings.update', { allowWeakTokenStorage: false, automaticUpdates: true });
    render(<SessionBanner auth={{ ...signedIn, persistence: 'sessionOnly' }} info={productionInfo} />);
    fireEvent.click(screen.getByRole('button', { name: 'Keep me signed in anyway' }));
    await screen.findByText('Nothing changed: your sign-in stays for this session only.');
  });
});
