/**
 * Composes the subgraphs' SDL into schema/supergraph.graphql, which the gateway serves.
 * `--check` fails (exit 1) when the checked-in file differs from a fresh composition.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { subgraphs } from './subgraphs';

const target = fileURLToPath(new URL('../schema/supergraph.graphql', import.meta.url));

const result = composeServices(
  subgraphs.map((s) => ({
    name: s.name,
    // The gateway replaces these with its configured URLs; they only document the defaults.
    url: `http://127.0.0.1:${s.defaultPort}/graphql`,
    typeDefs: parse(printSubgraphSchema(s.schema)),
  })),
);

if (result.errors) {
  console.error('composition failed:');
  for (const error of result.errors) console.error(`  ${error.message}`);
  process.exit(1);
}
for (const hint of result.hints ?? []) console.warn(`hint: ${hint.definition.code}: ${hint.message}`);

const sdl = `${result.supergraphSdl.trim()}\n`;
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  if (current !== sdl) {
    console.error('schema/supergraph.graphql is stale: run `pnpm compose` and commit the result.');
    process.exit(1);
  }
  console.log('schema/supergraph.graphql is current.');
} else {
  writeFileSync(target, sdl);
  console.log(`composed ${subgraphs.length} subgraphs into schema/supergraph.graphql`);
}
