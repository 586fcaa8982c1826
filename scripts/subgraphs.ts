import type { SubgraphDefinition } from '@hub/common';
import { employersSubgraph } from '@hub/employers';
import { residentsSubgraph } from '@hub/residents';
import { subsidiesSubgraph } from '@hub/subsidies';
import { trainingSubgraph } from '@hub/training';

/** Every subgraph of the hub, in the order they start. */
export const subgraphs: SubgraphDefinition<Record<string, unknown>>[] = [
  residentsSubgraph,
  employersSubgraph,
  trainingSubgraph,
  subsidiesSubgraph,
] as SubgraphDefinition<Record<string, unknown>>[];
