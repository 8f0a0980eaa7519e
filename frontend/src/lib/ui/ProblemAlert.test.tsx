import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/problem';
import { Field } from './Field';
import { ProblemAlert, toProblem } from './ProblemAlert';

describe('error display', () => {
  it('lists the violations that no field on the form shows, and counts the others', () => {
    render(
      <ProblemAlert
        shownFields={['ward']}
        problem={{
          title: 'Bad Request', status: 400, detail: 'The request has 2 problems.',
          violations: [{ field: 'ward', message: 'must not be blank' }, { field: 'patient', message: 'is required' }],
        }}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The request has 2 problems.');
    expect(alert).toHaveTextContent('1 answer is marked below.');
    expect(alert).toHaveTextContent('patient: is required');
    expect(alert).not.toHaveTextContent('must not be blank');
  });

  it('ties a field’s error and hint to its control', () => {
    render(<Field id="ward" label="Ward" hint="As on the paper" error="must not be blank"><input /></Field>);
    const input = screen.getByLabelText('Ward');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('As on the paper must not be blank');
  });

  it('describes a call that never reached the service in words, not a status code', () => {
    expect(toProblem(ApiError.offline(), 'No connection').title).toBe('No connection');
    expect(toProblem(new ApiError(404, { title: 'Not Found', status: 404, detail: 'Item 5' }), 'x').detail).toBe('Item 5');
  });
});
