import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../../lib/api/types';
import { fakeService, json } from '../../../test/fakeService';
import BacklogPage from './BacklogPage';

function show(me: Me, address: string) {
  fakeService((url) => (url.startsWith('/api/items') ? json(200, { items: [], hasMore: false }) : json(200, [])));
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <MemoryRouter initialEntries={[address]}><BacklogPage me={me} /></MemoryRouter>
    </QueryClientProvider>,
  );
}

const person = { username: 'p1', displayName: 'P One', sites: ['RXH'], targetSystems: ['EPR'] };

describe('backlog page', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('offers team leads a CSV import into the outage filtered on', async () => {
    show({ ...person, roles: ['TEAM_LEAD'] }, '/items?outageId=4&status=READY');
    expect(await screen.findByRole('link', { name: 'Import CSV' })).toHaveAttribute('href', '/imports?outageId=4');
    expect(screen.getByRole('button', { name: 'Export as CSV' })).toBeInTheDocument();
  });

  it('offers no import to those who cannot import', async () => {
    show({ ...person, roles: ['AUDITOR'] }, '/items?outageId=4');
    expect(await screen.findByRole('button', { name: 'Export as CSV' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Import CSV' })).toBeNull();
  });
});
