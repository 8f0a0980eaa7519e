// The hospital's identity providers one may sign in through (none unless the service is configured for one). Asked
// without a session, before anyone has signed in; an answer that does not come is the same as none: the local
// form is always there.

import { apiPath } from './client';
import type { Provider } from './types';

export async function identityProviders(): Promise<Provider[]> {
  try {
    const response = await fetch(apiPath('/api/auth/providers'), { headers: { Accept: 'application/json' } });
    if (!response.ok) return [];
    const providers = (await response.json()) as unknown;
    return Array.isArray(providers) ? (providers as Provider[]) : [];
  } catch {
    return [];
  }
}
