import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { HubResponse, RouteHandler } from '@hub/common';

const require = createRequire(import.meta.url);
const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** GraphiQL served from the installed packages: this machine has no CDN to load it from. */
const assets: Record<string, { file: string; type: string }> = {
  'react.js': { file: path.join(packageDir('react'), 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { file: path.join(packageDir('react-dom'), 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { file: path.join(packageDir('graphiql'), 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { file: path.join(packageDir('graphiql'), 'graphiql.min.css'), type: 'text/css' },
};

const page = `<!doctype html>
<html lang="zh-CN">
<head>
  <meta charset="utf-8" />
  <title>充分就业社区 hub · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.css" />
  <style>body { margin: 0; height: 100vh; } #graphiql { height: 100vh; }</style>
</head>
<body>
  <div id="graphiql">Loading…</div>
  <script src="/graphiql/assets/react.js"></script>
  <script src="/graphiql/assets/react-dom.js"></script>
  <script src="/graphiql/assets/graphiql.js"></script>
  <script>
    // The token comes in the URL fragment (#token=…), which the browser never sends to a server,
    // so it stays out of every access log; it is dropped from the address bar once read.
    const token = new URLSearchParams(location.hash.slice(1)).get('token');
    if (token) history.replaceState(null, '', location.pathname);
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const root = ReactDOM.createRoot(document.getElementById('graphiql'));
    root.render(React.createElement(GraphiQL, {
      fetcher,
      defaultHeaders: token ? JSON.stringify({ Authorization: 'Bearer ' + token }, null, 2) : undefined,
      defaultQuery: '{\\n  region(code: "2114") {\\n    name\\n    children { code name level }\\n  }\\n}\\n',
    }));
  </script>
</body>
</html>`;

/** The GraphiQL address that signs in with `token`: in the fragment, which no request line or server log ever carries. */
export const graphiqlLink = (base: string, token: string) => `${base}/graphiql#token=${encodeURIComponent(token)}`;

const cache = new Map<string, HubResponse>();

export const graphiqlRoute: RouteHandler = async (req) => {
  if (req.method !== 'GET') return undefined;
  if (req.url.pathname === '/' || req.url.pathname === '/graphiql') {
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page };
  }
  const name = req.url.pathname.startsWith('/graphiql/assets/') ? req.url.pathname.slice('/graphiql/assets/'.length) : '';
  const asset = assets[name];
  if (!asset) return undefined;
  let response = cache.get(name);
  if (!response) {
    response = {
      status: 200,
      headers: { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' },
      body: readFileSync(asset.file, 'utf8'),
    };
    cache.set(name, response);
  }
  return response;
};
