import { builder } from '../builder';

/** Employers belong to the employers subgraph; a resident in work points at theirs by id. */
export const EmployerRef = builder.externalRef('Employer', builder.selection<{ id: string }>('id')).implement({
  fields: (t) => ({ id: t.exposeID('id') }),
});
