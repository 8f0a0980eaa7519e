import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeService, json } from '../../../test/fakeService';
import { ExportButton } from './ExportButton';

describe('export button', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('downloads the export of the filters on screen, signed in, without the list order', async () => {
    const service = fakeService(() => new Response('\uFEFFreference,outageId\r\nITM-000001,4\r\n',
      { status: 200, headers: { 'Content-Type': 'text/csv;charset=utf-8' } }));
    const created = vi.fn((_: Blob) => 'blob:export');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    render(<ExportButton filter={{ outageId: '4', status: 'READY', sort: '-loggedAt' }} />);

    fireEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));

    await waitFor(() => expect(clicked).toHaveBeenCalled());
    const request = service.calls.find((c) => c.url.startsWith('/api/exports/items.csv'));
    expect(request?.url).toBe('/api/exports/items.csv?outageId=4&status=READY');
    expect((request?.init.headers as Record<string, string>).Authorization).toBe('Bearer token');
    expect(await created.mock.calls[0]?.[0].text()).toContain('ITM-000001');
    clicked.mockRestore();
  });

  it('says why when the service refuses', async () => {
    fakeService(() => json(403, { title: 'Forbidden', status: 403, detail: 'Your role cannot export.' }));
    render(<ExportButton filter={{}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Export as CSV' }));
    expect(await screen.findByText(/Your role cannot export/)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Export as CSV' })).toBeEnabled();
  });
});
