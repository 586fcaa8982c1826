/**
 * Preloaded (`node --import`) into a service under test: records every outbound connection and
 * name lookup that is not to this machine, one JSON line each, in the file OUTBOUND_WATCH_FILE.
 */
import { appendFileSync } from 'node:fs';
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';

const file = process.env.OUTBOUND_WATCH_FILE;
const loopback = (host) => host === undefined || host === 'localhost' || host === '::1' || /^127\./.test(host) || host === '::ffff:127.0.0.1';
const record = (kind, host, port) => {
  if (file && !loopback(host)) appendFileSync(file, `${JSON.stringify({ kind, host, port })}\n`);
};

/** net.connect(options) / (port, host) / (path): the host and port asked for. */
function target(args) {
  const [first, second] = Array.isArray(args[0]) ? args[0] : args;
  if (first !== null && typeof first === 'object') return first.path ? { host: undefined } : { host: first.host ?? 'localhost', port: first.port };
  if (typeof first === 'number' || /^\d+$/.test(String(first))) return { host: typeof second === 'string' ? second : 'localhost', port: Number(first) };
  return { host: undefined };
}

const connect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const { host, port } = target(args);
  record('connect', host, port);
  return connect.apply(this, args);
};
const tlsConnect = tls.connect;
tls.connect = function (...args) {
  const { host, port } = target(args);
  record('tls', host, port);
  return tlsConnect.apply(this, args);
};
const lookup = dns.lookup;
dns.lookup = function (hostname, ...rest) {
  record('dns', hostname);
  return lookup.call(this, hostname, ...rest);
};
const lookupPromise = dns.promises.lookup;
dns.promises.lookup = function (hostname, ...rest) {
  record('dns', hostname);
  return lookupPromise.call(this, hostname, ...rest);
};
