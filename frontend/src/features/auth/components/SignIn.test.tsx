import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeService, json } from '../../../test/fakeService';
import { signOut } from '../../../lib/api/session';
import { SignInPage } from './SignIn';

describe('sign-in page', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.history.replaceState(null, '', '/');
  });

  it('offers the identity provider beside the local form when one is configured', async () => {
    fakeService((url) => (url === '/api/auth/providers'
      ? json(200, [{ id: 'hospital', name: 'St Elsewhere account', loginUrl: '/oauth/login/hospital' }])
      : json(404, { title: 'Not found', status: 404 })));
    render(<SignInPage />);
    const button = await screen.findByRole('link', { name: 'Sign in with St Elsewhere account' });
    expect(button).toHaveAttribute('href', '/oauth/login/hospital');
    expect(screen.getByLabelText(/^Username/)).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toBeInTheDocument();
  });

  it('ends a sign-out made offline before it goes to the provider, so that the new sign-in is not ended later',
    async () => {
      vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
      await signOut();
      const service = fakeService((url) => (url === '/api/auth/providers'
        ? json(200, [{ id: 'hospital', name: 'St Elsewhere account', loginUrl: '/oauth/login/hospital' }])
        : new Response(null, { status: 204 })));
      const assign = vi.fn();
      vi.stubGlobal('location', { ...window.location, assign, search: '' });
      render(<SignInPage />);
      fireEvent.click(await screen.findByRole('link', { name: 'Sign in with St Elsewhere account' }));
      await waitFor(() => expect(assign).toHaveBeenCalledWith('/oauth/login/hospital'));
      expect(service.calls.map((c) => c.url)).toContain('/api/auth/logout');
    });

  it('shows only the local form without a provider, or when the service cannot say', async () => {
    const service = fakeService(() => json(200, []));
    render(<SignInPage />);
    await waitFor(() => expect(service.calls.some((c) => c.url === '/api/auth/providers')).toBe(true));
    expect(screen.queryByRole('link', { name: /^Sign in with/ })).toBeNull();
    expect(screen.getByLabelText(/^Username/)).toBeInTheDocument();
  });

  it('says why a sign-in through the provider came back without a session', () => {
    fakeService(() => json(200, []));
    window.history.replaceState(null, '', '/?signin=refused');
    render(<SignInPage />);
    expect(screen.getByText(/there is no enabled Downtime Backlog account for you/)).toBeInTheDocument();
  });
});
