// The people a team lead can give work to and whose workload they see (the backlog and the workload page).

import { queryOptions } from '@tanstack/react-query';
import { apiPath, get } from './client';
import type { Person } from './types';

export function peopleQuery(enabled = true) {
  return queryOptions({
    queryKey: ['people'],
    queryFn: () => get<Person[]>(apiPath('/api/people')),
    enabled,
  });
}
