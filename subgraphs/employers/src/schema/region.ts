import { builder } from '../builder';

/** Regions belong to the residents subgraph; this service only points at them by code. */
export const RegionRef = builder.externalRef('Region', builder.selection<{ code: string }>('code')).implement({
  fields: (t) => ({ code: t.exposeID('code') }),
});
