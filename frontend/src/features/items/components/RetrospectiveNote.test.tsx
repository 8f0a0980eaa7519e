import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RetrospectiveNote } from './RetrospectiveNote';

const TEXT = 'Retrospective entry from downtime record S-RXH-0000081-X, outage OUT-0004: care at 24/11/2026 08:00 by Nurse Jones; entered 24/11/2026 14:10 by Clerk One';

describe('retrospective-entry note', () => {
  afterEach(() => vi.restoreAllMocks());

  it('copies the note and says so', async () => {
    const user = userEvent.setup();
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    render(<RetrospectiveNote text={TEXT} />);
    await user.click(screen.getByRole('button', { name: 'Copy the note' }));
    expect(writeText).toHaveBeenCalledWith(TEXT);
    expect(await screen.findByRole('status')).toHaveTextContent('Copied. Paste it into the clinical record.');
  });

  it('selects the note for the person to copy when the browser will not', async () => {
    const user = userEvent.setup();
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('not allowed'));
    render(<RetrospectiveNote text={TEXT} />);
    await user.click(screen.getByRole('button', { name: 'Copy the note' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The note is selected');
    expect(window.getSelection()?.toString()).toBe(TEXT);
  });
});
