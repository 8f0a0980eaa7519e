import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { ItemCreateRequest, ItemSummary, Me, Outage } from '../../../lib/api/types';
import { CaptureForm, type SaveOutcome } from './CaptureForm';

const me: Me = { username: 'clerk1', displayName: 'Clerk One', roles: ['CLERK'], sites: ['RXH'], targetSystems: ['EPR'] };
const outage: Outage = {
  id: 3, reference: 'OUT-0003', title: 'EPR down', status: 'OPEN', sites: ['RXH', 'RYJ'],
  systems: [{ system: 'EPR', state: 'DOWN', recoveredAt: null, recoveredBy: null }],
  startedAt: '2026-11-24T06:00:00Z', closedAt: null, notes: null, createdAt: '2026-11-24T06:00:00Z', createdBy: 'lead1',
  drill: false,
};

function setup(save = vi.fn<(r: ItemCreateRequest) => Promise<SaveOutcome>>(), duplicates: ItemSummary[] = []) {
  const checkDuplicates = vi.fn(async () => duplicates);
  render(<CaptureForm me={me} outages={[outage]} save={save} checkDuplicates={checkDuplicates} />);
  return { save, checkDuplicates, user: userEvent.setup() };
}

async function fillRequired(user: ReturnType<typeof userEvent.setup>, nhs = '9434765919') {
  await user.type(screen.getByLabelText(/^Ward/), 'Ward 7');
  if (nhs) await user.type(screen.getByLabelText(/^NHS number/), nhs);
  await user.selectOptions(screen.getByLabelText(/^Patient is/), 'INPATIENT');
  await user.selectOptions(screen.getByLabelText(/^Kind of record/), 'OBSERVATIONS');
  await user.type(screen.getByLabelText(/^Recorded by/), 'Nurse A');
  await user.type(screen.getByLabelText(/^What was done/), 'NEWS2 obs');
}

describe('capture form', () => {
  it('shows the NHS number 3-3-4 as it is typed and refuses a wrong check digit before sending', async () => {
    const { save, user } = setup();
    const nhs = screen.getByLabelText(/^NHS number/);
    await user.type(nhs, '9434765918');
    expect(nhs).toHaveValue('943 476 5918');
    await user.tab();
    expect(screen.getByText(/This NHS number is not valid/)).toBeInTheDocument();
    expect(nhs).toHaveAttribute('aria-invalid', 'true');

    await fillRequired(user, '');
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByRole('alert')).toHaveTextContent('Some answers need checking');
  });

  it('names every missing required field and puts the cursor on the first', async () => {
    const { save, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    expect(save).not.toHaveBeenCalled();
    expect(screen.getByLabelText(/^Ward/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^NHS number/)).toHaveAccessibleDescription(/Enter the NHS number or a local patient id/);
    expect(screen.getByLabelText(/^Kind of record/)).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByLabelText(/^Ward/)).toHaveFocus());
  });

  it('saves with Enter, keeps the sticky fields, clears the rest and is ready for the next form', async () => {
    const save = vi.fn(async (_request: ItemCreateRequest): Promise<SaveOutcome> => ({ outcome: 'sent', item: { reference: 'ITM-000042' } as never }));
    const { user } = setup(save);
    expect(screen.getByLabelText(/^Outage/)).toHaveValue('3');
    expect(screen.getByLabelText(/^System/)).toHaveValue('EPR');
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await user.type(screen.getByLabelText(/^Paper batch/), 'B-12');
    await fillRequired(user);
    await user.type(screen.getByLabelText(/^Recorded by/), '{Enter}');

    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    const request = save.mock.calls[0]![0] as ItemCreateRequest;
    expect(request).toMatchObject({
      outageId: 3, site: 'RXH', ward: 'Ward 7', targetSystem: 'EPR', paperReference: 'B-12', category: 'OBSERVATIONS',
      patient: { nhsNumber: '9434765919', localId: null }, patientStatus: 'INPATIENT', recordedBy: 'Nurse A',
      summary: 'NEWS2 obs', highRisk: false,
    });
    expect(Date.parse(request.occurredAt)).toBeGreaterThan(Date.now() - 5 * 60 * 1000);

    expect(await screen.findByText(/Saved as ITM-000042/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Ward/)).toHaveValue('Ward 7');
    expect(screen.getByLabelText(/^Site/)).toHaveValue('RXH');
    expect(screen.getByLabelText(/^Paper batch/)).toHaveValue('B-12');
    expect(screen.getByLabelText(/^NHS number/)).toHaveValue('');
    expect(screen.getByLabelText(/^What was done/)).toHaveValue('');
    await waitFor(() => expect(screen.getByLabelText(/^NHS number/)).toHaveFocus());
  });

  it('saves once however often Save is pressed while the first press is being answered', async () => {
    let answer: (d: SaveOutcome) => void = () => undefined;
    const save = vi.fn(() => new Promise<SaveOutcome>((resolve) => { answer = resolve; }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await fillRequired(user);
    const button = screen.getByRole('button', { name: 'Save and next' });
    await user.click(button);
    await user.click(button);
    await user.type(screen.getByLabelText(/^Recorded by/), '{Enter}');
    answer({ outcome: 'sent', item: { reference: 'ITM-000044' } as never });
    expect(await screen.findByText(/Saved as ITM-000044/)).toBeInTheDocument();
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('says the item waits on the device when the service cannot be reached', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ outcome: 'waiting' }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    expect(await screen.findByText(/Saved on this device/)).toBeInTheDocument();
  });

  it('shows the service’s problems beside the fields they name and keeps what was typed', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({
      outcome: 'rejected',
      problem: {
        title: 'Unprocessable Entity', status: 422, detail: 'The item has 2 problems.',
        violations: [
          { field: 'patient.dateOfBirth', message: 'must be a date in the past or in the present' },
          { field: 'site', message: 'is not a site of this outage' },
        ],
      },
    }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));

    expect(await screen.findByText('must be a date in the past or in the present')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Date of birth/)).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText(/^Date of birth/)).toHaveAccessibleDescription(/must be a date in the past/);
    expect(screen.getByLabelText(/^Site/)).toHaveAccessibleDescription(/is not a site of this outage/);
    expect(screen.getByRole('alert')).toHaveTextContent('The item has 2 problems.');
    expect(screen.getByLabelText(/^What was done/)).toHaveValue('NEWS2 obs');
  });

  it('warns of a possible duplicate before saving, and saves only when asked to', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({ outcome: 'sent', item: { reference: 'ITM-000043' } as never }));
    const match = {
      id: 9, reference: 'ITM-000009', status: 'READY', summary: 'NEWS2 obs', occurredAt: '2026-11-24T08:00:00Z',
    } as ItemSummary;
    const { user, checkDuplicates } = setup(save, [match]);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));

    expect(await screen.findByRole('heading', { name: 'Possible duplicate' })).toBeInTheDocument();
    expect(screen.getByText('ITM-000009')).toBeInTheDocument();
    expect(checkDuplicates).toHaveBeenCalledTimes(1);
    expect(save).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Save anyway' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
  });

  it('says DRILL on a drill outage, and not on a real one', () => {
    const { unmount } = render(<CaptureForm me={me} outages={[{ ...outage, drill: true }]} save={vi.fn()} checkDuplicates={vi.fn()} />);
    expect(screen.getByRole('note')).toHaveTextContent('DRILL');
    unmount();
    setup();
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('button', { name: 'Unidentified patient: get a temporary id' })).toBeInTheDocument();
  });

  it('takes a typed sheet id, checks its check character, and keeps it for the next line of the same sheet', async () => {
    const save = vi.fn(async (_request: ItemCreateRequest): Promise<SaveOutcome> => ({ outcome: 'sent', item: { reference: 'ITM-000050', warnings: [] } }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    const sheet = screen.getByLabelText(/^Sheet id/);
    await user.type(sheet, 's-rgh-0000081-y');
    await user.tab();
    expect(sheet).toHaveAttribute('aria-invalid', 'true');
    expect(sheet).toHaveAccessibleDescription(/This sheet id is not valid/);
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    expect(save).not.toHaveBeenCalled();

    await user.clear(sheet);
    await user.type(sheet, 's-rgh-0000081-x');
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    await waitFor(() => expect(save).toHaveBeenCalledTimes(1));
    expect(save.mock.calls[0]![0]).toMatchObject({ sheetId: 'S-RGH-0000081-X' });
    expect(await screen.findByText(/Saved as ITM-000050/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Sheet id/)).toHaveValue('S-RGH-0000081-X');
    expect(screen.queryByText(/Saved, but check this/)).not.toBeInTheDocument();
  });

  it('shows what the service warns of after saving, such as a sheet of another ward', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({
      outcome: 'sent',
      item: {
        reference: 'ITM-000051',
        warnings: [{ field: 'sheetId', code: 'SHEET_OF_OTHER_WARD', detail: 'Sheet S-RGH-0000081-X was issued to ward Ward 9' }],
      },
    }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await user.type(screen.getByLabelText(/^Sheet id/), 'S-RGH-0000081-X');
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    const warning = await screen.findByRole('alert');
    expect(warning).toHaveTextContent('Saved, but check this');
    expect(warning).toHaveTextContent('This sheet was issued to another ward. Sheet S-RGH-0000081-X was issued to ward Ward 9');
  });

  it('shows the service refusing a sheet id beside the field', async () => {
    const save = vi.fn(async (): Promise<SaveOutcome> => ({
      outcome: 'rejected',
      problem: { title: 'Unprocessable Entity', status: 422, violations: [{ field: 'sheetId', message: 'is not a sheet id' }] },
    }));
    const { user } = setup(save);
    await user.selectOptions(screen.getByLabelText(/^Site/), 'RXH');
    await user.type(screen.getByLabelText(/^Sheet id/), 'S-RGH-0000082-V');
    await fillRequired(user);
    await user.click(screen.getByRole('button', { name: 'Save and next' }));
    expect(await screen.findByText('is not a sheet id')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Sheet id/)).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByLabelText(/^Sheet id/)).toHaveFocus());
  });

  it('offers a photo of the sheet when the camera cannot be opened', async () => {
    const { user } = setup();
    expect(screen.getByLabelText('Photo of the sheet')).toHaveAttribute('capture', 'environment');
    await user.click(screen.getByRole('button', { name: 'Scan sheet' }));
    expect(await screen.findByText(/The camera could not be opened. Take a photo of the sheet instead/)).toBeInTheDocument();
  });
});
