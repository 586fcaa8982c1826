import { connect, type Socket } from 'node:net';

/**
 * A PostgreSQL connection that resets itself when the server owes an answer and sends nothing for
 * `stallMs`. The server enforces statement and idle-in-transaction timeouts, so a healthy server
 * always says something within the statement timeout; silence beyond it means the network stalled,
 * and then only the client can act. The connection is reset (TCP RST, send queue discarded), so a
 * COMMIT still queued cannot reach the server when the network heals; the transaction's queries fail
 * at once with `DatabaseStalledError`, and the server, seeing the connection gone (or the idle
 * timeout pass), rolls the transaction back.
 *
 * What is owed is read from the protocol's framing: every Sync or simple Query (and the startup)
 * is answered by one ReadyForQuery; any other message, such as a Flush, by at least one message.
 */
export function stallGuardedSocket(target: SocketTarget, stallMs: number): Socket {
  const socket = connectTo(target);
  let syncs = 0;
  let readies = 0;
  let wroteSinceRead = false;
  let timer: NodeJS.Timeout | undefined;
  const owed = () => syncs > readies || wroteSinceRead;
  const disarm = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const onStall = () => {
    timer = undefined;
    if (!owed() || socket.destroyed) return;
    // The driver rejects every query waiting on this connection with this error, then sees it close.
    socket.emit('error', new DatabaseStalledError(stallMs));
    socket.resetAndDestroy();
  };
  const outgoing = new MessageFraming(true, (type) => {
    // 0: the untyped startup message, answered (after authentication) by ReadyForQuery.
    if (type === 0 || type === SYNC || type === QUERY) syncs++;
  });
  const incoming = new MessageFraming(false, (type) => {
    if (type === READY_FOR_QUERY) readies++;
  });
  const write = socket.write.bind(socket) as (chunk: unknown, ...rest: unknown[]) => boolean;
  socket.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk !== 'string') outgoing.push(Buffer.from(chunk as Uint8Array));
    wroteSinceRead = true;
    // Counting starts at the first request after silence; later writes do not prove the server alive.
    if (!timer) {
      timer = setTimeout(onStall, stallMs);
      timer.unref();
    }
    return write(chunk, ...rest);
  }) as Socket['write'];
  socket.on('data', (chunk: Buffer) => {
    incoming.push(chunk);
    wroteSinceRead = false;
    if (owed()) timer?.refresh();
    else disarm();
  });
  socket.on('close', disarm);
  return socket;
}

export type SocketTarget = { host: string; port: number } | { path: string };

export const connectTo = (target: SocketTarget): Socket => ('path' in target ? connect(target.path) : connect(target.port, target.host));

export class DatabaseStalledError extends Error {
  readonly code = 'DATABASE_STALLED';
  constructor(stallMs: number) {
    super(`The database connection sent nothing for ${stallMs} ms while a query waited; it was reset.`);
    this.name = 'DatabaseStalledError';
  }
}

const SYNC = 'S'.charCodeAt(0);
const QUERY = 'Q'.charCodeAt(0);
const READY_FOR_QUERY = 'Z'.charCodeAt(0);

/**
 * Splits a PostgreSQL protocol stream into messages (a type byte, then a 32-bit length that counts
 * itself) and reports each message's type; chunks may cut messages anywhere. The frontend's first
 * message (startup, SSL or cancel request) has no type byte and is reported as type 0.
 */
class MessageFraming {
  private readonly header = Buffer.alloc(5);
  private headerBytes = 0;
  private remaining = 0;
  private type = 0;

  constructor(
    private untypedFirst: boolean,
    private readonly onMessage: (type: number) => void,
  ) {}

  push(chunk: Buffer) {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.remaining > 0) {
        const take = Math.min(this.remaining, chunk.length - offset);
        offset += take;
        this.remaining -= take;
        if (this.remaining === 0) this.onMessage(this.type);
        continue;
      }
      const headerSize = this.untypedFirst ? 4 : 5;
      const take = Math.min(headerSize - this.headerBytes, chunk.length - offset);
      chunk.copy(this.header, this.headerBytes, offset, offset + take);
      offset += take;
      this.headerBytes += take;
      if (this.headerBytes < headerSize) continue;
      this.type = this.untypedFirst ? 0 : this.header[0]!;
      this.remaining = this.header.readInt32BE(headerSize - 4) - 4;
      this.untypedFirst = false;
      this.headerBytes = 0;
      if (this.remaining <= 0) {
        this.remaining = 0;
        this.onMessage(this.type);
      }
    }
  }
}
