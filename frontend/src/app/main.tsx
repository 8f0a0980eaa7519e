import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from '../lib/api/problem';
import { resume, session } from '../lib/api/session';
import '../lib/i18n';
import { App } from './App';
import './styles.css';

const queries = new QueryClient({
  defaultOptions: {
    queries: {
      // Refused calls are not retried; calls that did not reach the service are, a few times.
      retry: (failures, error) => error instanceof ApiError && error.offline && failures < 3,
      staleTime: 10_000,
      // Reading an item is recorded in the audit trail: only read again when the person asks.
      refetchOnWindowFocus: false,
    },
  },
});

// Nothing loaded for one person (patient details included) outlives their sign-out.
session.subscribe(() => {
  if (!session.get().me) queries.clear();
});

void resume();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queries}>
      <BrowserRouter>
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
