import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { freshFakeApiForEachTest } from '../../../test/support/renderer/each-test';
import { CopyButton } from './CopyButton';

const fake = freshFakeApiForEachTest();

describe('CopyButton', () => {
  it('copies the exact text through main and confirms it', async () => {
    render(<CopyButton text="مرحبا %1$s" label="Copy Arabic translation" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy Arabic translation' }));
    expect(fake().calls).toEqual([{ name: 'app.copyText', args: ['مرحبا %1$s'] }]);
    await screen.findByText('Copied');
  });

  it('says so when main could not copy', async () => {
    fake().respond('app.copyText', false);
    render(<CopyButton text="x" label="Copy key name" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy key name' }));
    await screen.findByText('Not copied');
  });

  it('says so when the call fails', async () => {
    fake().respond('app.copyText', new Error('The text is too long to copy.'));
    render(<CopyButton text="x" label="Copy key name" />);
    fireEvent.click(screen.getByRole('button', { name: 'Copy key name' }));
    await screen.findByText('Not copied');
  });
});
