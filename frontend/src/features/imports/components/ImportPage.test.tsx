import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ImportPreview, ImportResponse, Me, Outage } from '../../../lib/api/types';
import { fakeService, json, type Handler } from '../../../test/fakeService';
import ImportPage from './ImportPage';

const lead: Me = { username: 'lead1', displayName: 'Lead One', roles: ['TEAM_LEAD'], sites: ['RXH'], targetSystems: ['EPR'] };

const outage: Outage = {
  id: 4, reference: 'OUT-0004', title: 'EPR down', status: 'OPEN', sites: ['RXH', 'RYM'],
  systems: [{ system: 'EPR', state: 'DOWN', recoveredAt: null, recoveredBy: null }, { system: 'LIMS', state: 'DOWN', recoveredAt: null, recoveredBy: null }],
  startedAt: '2026-12-06T08:00:00Z', closedAt: null, notes: null, createdAt: '2026-12-06T08:05:00Z', createdBy: 'lead1',
} as Outage;

const headers = ['Ward', 'NHS number', 'When', 'Nurse', 'Medication', 'High risk', 'Status', 'Category', 'Sheet'];

function upload(fields: Partial<ImportResponse> = {}): ImportResponse {
  return {
    id: 9, outageId: 4, fileName: 'ward3.csv', size: 25, partSize: 10, status: 'UPLOADED', charset: 'UTF-8', delimiter: ',',
    headers, totalRows: 5, rowsDone: 0, rowsStored: 0, rowsAlreadyImported: 0, rowsRefused: 0,
    suggestedMapping: {
      columns: {
        Ward: 'ward', 'NHS number': 'patient.nhsNumber', When: 'occurredAt', Nurse: 'recordedBy', Medication: 'summary',
        'High risk': 'highRisk', Status: 'patientStatus', Category: 'category',
      },
      values: {}, keyColumn: null,
    },
    suggestedMappingName: null, mapping: null, sameFileImportedBefore: [], failure: null, createdBy: 'lead1',
    createdAt: '2026-12-06T10:00:00Z', startedBy: null, startedAt: null, finishedAt: null, ...fields,
  };
}

const preview: ImportPreview = {
  totalRows: 5,
  rows: [
    { row: 2, verdict: 'STORE', problems: [], values: { ward: 'Ward 3', 'patient.nhsNumber': '9434765919', summary: 'Paracetamol 1 g' } },
    {
      row: 3, verdict: 'REFUSED', problems: [{ column: 'NHS number', field: 'patient.nhsNumber', message: 'is not a valid NHS number' }],
      values: { ward: 'Ward 3', 'patient.nhsNumber': '9434765918', summary: 'Ibuprofen' },
    },
    { row: 4, verdict: 'ALREADY_IMPORTED', problems: [], values: { ward: 'Ward 3', 'patient.nhsNumber': '4857773457', summary: 'Obs' } },
  ],
};

/** What a Blob holds (jsdom's Blob has no text()). */
function text(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

function setup(address: string, handler: Handler) {
  const service = fakeService((url, init) => {
    if (url === '/api/outages') return json(200, [outage]);
    if (url === '/api/import-mappings') return json(200, []);
    if (url === '/api/imports?outageId=4') return json(200, []);
    return handler(url, init);
  });
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[address]}>
        <ImportPage me={lead} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
  const sent = (method: string, prefix: string) => service.calls.filter((c) => c.init.method === method && c.url.startsWith(prefix));
  const body = (method: string, prefix: string) => JSON.parse(String(sent(method, prefix)[0]?.init.body)) as unknown;
  return { service, sent, body, user: userEvent.setup() };
}

describe('import page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('sends the file in parts of the size the service asks for, then shows the suggested mapping', async () => {
    const content = 'Ward,NHS number\nWard 3,1\n';
    const { sent, body, user } = setup('/imports?outageId=4', (url, init) => {
      if (url === '/api/imports' && init.method === 'POST') return json(201, upload({ status: 'UPLOADING', headers: [], suggestedMapping: null, totalRows: null }));
      if (url.startsWith('/api/imports/9/parts/')) return new Response(null, { status: 204 });
      if (url === '/api/imports/9/complete') return json(200, upload({ headers: ['Ward', 'NHS number'], suggestedMapping: { columns: { Ward: 'ward' }, values: {}, keyColumn: null } }));
      if (url === '/api/imports/9') return json(200, upload({ headers: ['Ward', 'NHS number'] }));
      return json(404, { title: 'Not Found', status: 404 });
    });

    await user.upload(screen.getByLabelText('CSV file'), new File([content], 'ward3.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));

    expect(await screen.findByRole('heading', { name: 'Match the columns' })).toHaveFocus();
    expect(body('POST', '/api/imports')).toEqual({ outageId: 4, fileName: 'ward3.csv', size: content.length });
    const parts = sent('PUT', '/api/imports/9/parts/');
    expect(parts.map((p) => p.url)).toEqual(['/api/imports/9/parts/0', '/api/imports/9/parts/1', '/api/imports/9/parts/2']);
    expect((parts[0]?.init.headers as Record<string, string>)['Content-Type']).toBe('application/octet-stream');
    expect((await Promise.all(parts.map((p) => text(p.init.body as Blob)))).join('')).toBe(content);
    expect(sent('POST', '/api/imports/9/complete')).toHaveLength(1);
    expect(screen.getByLabelText('Ward')).toHaveValue('ward');
    expect(screen.getByLabelText('NHS number')).toHaveValue('');
    expect(screen.getByText(/ward3\.csv: 5 rows\. Read as UTF-8\. Columns separated by commas\./)).toBeInTheDocument();
  });

  it('sends a part that did not arrive again', async () => {
    let failures = 1;
    const { sent, user } = setup('/imports?outageId=4', (url, init) => {
      if (url === '/api/imports' && init.method === 'POST') return json(201, upload({ status: 'UPLOADING', partSize: 4 }));
      if (url === '/api/imports/9/parts/1' && failures-- > 0) return json(503, { title: 'Service Unavailable', status: 503 });
      if (url.startsWith('/api/imports/9/parts/')) return new Response(null, { status: 204 });
      if (url === '/api/imports/9/complete' || url === '/api/imports/9') return json(200, upload());
      return json(404, { title: 'Not Found', status: 404 });
    });
    await user.upload(screen.getByLabelText('CSV file'), new File(['Ward\nWard 3\n'], 'w.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));

    // The part is sent again after half a second.
    await screen.findByRole('heading', { name: 'Match the columns' }, { timeout: 4000 });
    expect(sent('PUT', '/api/imports/9/parts/').map((p) => p.url.split('/').pop())).toEqual(['0', '1', '1', '2']);
  });

  it('checks the file before sending anything', async () => {
    const { service, user } = setup('/imports?outageId=4', () => json(500, { title: 'x', status: 500 }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));
    expect(screen.getByLabelText('CSV file')).toHaveAccessibleDescription(/Choose a CSV file first\./);
    await user.upload(screen.getByLabelText('CSV file'), new File([], 'empty.csv', { type: 'text/csv' }));
    await user.click(screen.getByRole('button', { name: 'Upload and read the file' }));
    expect(screen.getByLabelText('CSV file')).toHaveAccessibleDescription(/This file is empty\./);
    expect(service.calls.filter((c) => c.url.startsWith('/api/imports/') || c.init.method === 'POST')).toHaveLength(0);
  });

  it('asks for what the file lacks, previews the first rows, imports them and follows the progress to the end', async () => {
    let started = false;
    const created = vi.fn((_: Blob) => 'blob:refused');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    const { body, sent, user } = setup('/imports?outageId=4&id=9', (url, init) => {
      if (url === '/api/imports/9/preview') return json(200, preview);
      if (url === '/api/imports/9/start') {
        started = true;
        return json(202, upload({ status: 'QUEUED', startedAt: '2026-12-06T10:05:00Z', startedBy: 'lead1' }));
      }
      if (url === '/api/imports/9/refused.csv') return new Response('Ward,NHS number,row,reason\r\nWard 3,9434765918,3,bad\r\n', { status: 200, headers: { 'Content-Type': 'text/csv' } });
      if (url === '/api/imports/9' && init.method === 'GET') {
        if (!started) return json(200, upload());
        return json(200, upload({ status: 'DONE', rowsDone: 5, rowsStored: 3, rowsAlreadyImported: 1, rowsRefused: 1 }));
      }
      return json(404, { title: 'Not Found', status: 404 });
    });

    await screen.findByRole('heading', { name: 'Match the columns' });
    expect(screen.getByLabelText('Medication')).toHaveValue('summary');
    const fixed = screen.getByRole('group', { name: 'The same for every row' });
    expect(within(fixed).getAllByRole('combobox').map((c) => c.getAttribute('id'))).toEqual(['fixed-site', 'fixed-targetSystem']);
    // The outage's sites that are the lead's, and its systems.
    expect(within(within(fixed).getByLabelText('Site')).queryByRole('option', { name: 'RYM' })).toBeNull();
    await user.selectOptions(within(fixed).getByLabelText('Site'), 'RXH');
    await user.selectOptions(within(fixed).getByLabelText('System'), 'LIMS');
    await user.selectOptions(screen.getByLabelText(/^Column that identifies a row/), 'Sheet');
    expect(screen.queryByRole('button', { name: /^Import/ })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Preview' }));
    const table = await screen.findByRole('region', { name: 'The first rows' });
    expect(body('POST', '/api/imports/9/preview')).toEqual({
      mapping: { ...upload().suggestedMapping, values: { site: 'RXH', targetSystem: 'LIMS' }, keyColumn: 'Sheet' }, rows: 20,
    });
    expect(screen.getByText('Of the first 3 rows: 1 to store, 1 already imported, 0 repeated in the file, 1 refused.')).toBeInTheDocument();
    const refused = within(table).getByRole('row', { name: /^3 Refused/ });
    expect(refused).toHaveTextContent('NHS number: is not a valid NHS number');
    expect(refused).toHaveTextContent('9434765918');

    await user.type(screen.getByLabelText(/^Save this mapping as/), 'Ward 3 drug chart');
    await user.click(screen.getByRole('button', { name: 'Import 5 rows' }));

    expect(await screen.findByRole('heading', { name: 'Import of ward3.csv' })).toHaveFocus();
    expect(body('POST', '/api/imports/9/start')).toEqual({
      mapping: { ...upload().suggestedMapping, values: { site: 'RXH', targetSystem: 'LIMS' }, keyColumn: 'Sheet' }, saveAs: 'Ward 3 drug chart',
    });
    expect(screen.getByRole('status')).toHaveTextContent('Waiting to start');
    expect(screen.queryByRole('link', { name: 'Back to the backlog' })).toBeNull();
    // The page asks again every second until the import is done.
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Finished'), { timeout: 5000 });
    expect(screen.getByRole('progressbar', { name: 'Rows imported' })).toHaveAttribute('value', '5');
    expect(screen.getByText('5 of 5 rows')).toBeInTheDocument();
    expect(screen.getByText('Stored as items').nextSibling).toHaveTextContent('3');
    expect(screen.getByText('Refused').nextSibling).toHaveTextContent('1');
    expect(screen.getByRole('link', { name: 'Back to the backlog' })).toHaveAttribute('href', '/items?outageId=4');

    await user.click(screen.getByRole('button', { name: 'Download refused rows' }));
    await waitFor(() => expect(clicked).toHaveBeenCalled());
    expect(await created.mock.calls[0]?.[0].text()).toContain('row,reason');
    expect((sent('GET', '/api/imports/9/refused.csv')[0]?.init.headers as Record<string, string>).Authorization).toBe('Bearer token');
    clicked.mockRestore();
  }, 15_000);

  it('shows the service’s problem with the mapping beside the value it names', async () => {
    const { user } = setup('/imports?outageId=4&id=9', (url) => {
      if (url === '/api/imports/9/preview') {
        return json(422, {
          title: 'Unprocessable Entity', status: 422, detail: 'The mapping has 2 problems.',
          violations: [{ field: 'mapping.site', message: 'needs a column or a fixed value' }, { field: 'mapping.patient', message: 'needs a column' }],
        });
      }
      return json(200, upload());
    });
    await user.click(await screen.findByRole('button', { name: 'Preview' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The mapping has 2 problems.');
    expect(alert).toHaveTextContent('mapping.patient: needs a column');
    expect(screen.getByLabelText('Site')).toHaveAccessibleDescription('needs a column or a fixed value');
  });

  it('warns when the same file went into this outage before, and discards an upload', async () => {
    const { sent, user } = setup('/imports?outageId=4&id=9', (_url, init) => {
      if (init.method === 'DELETE') return new Response(null, { status: 204 });
      return json(200, upload({ sameFileImportedBefore: [3], suggestedMappingName: 'Ward drug chart' }));
    });
    expect(await screen.findByText('This file has been imported into this outage before')).toBeInTheDocument();
    expect(screen.getByText(/Earlier import: #3\./)).toBeInTheDocument();
    expect(screen.getByText(/Filled in from the saved mapping “Ward drug chart”/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Discard this upload' }));
    expect(await screen.findByLabelText('CSV file')).toBeInTheDocument();
    expect(sent('DELETE', '/api/imports/9')).toHaveLength(1);
  });
});
