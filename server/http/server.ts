import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type Koa from 'koa';
import type { Logger } from '../core/logger';
import { httpError } from './errors';
import { errorForStatus } from './middleware';

/**
 * Node answers requests it cannot parse (headers or URL over the 16 KB limit, bad
 * syntax, a request too slow to arrive) itself, with an empty body. These become
 * the app's error shape: 431 HEADERS_TOO_LARGE, 408 REQUEST_TIMEOUT, 400 BAD_REQUEST.
 */
export function clientErrorReply(error: NodeJS.ErrnoException): string {
  const status =
    error.code === 'HPE_HEADER_OVERFLOW' || error.code === 'HPE_URI_TOO_LONG'
      ? 431
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 408
        : 400;
  const reply = httpError(errorForStatus(status));
  const body = JSON.stringify(reply.body);
  return [
    `HTTP/1.1 ${reply.status} ${statusText[reply.status] ?? 'Error'}`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'X-Content-Type-Options: nosniff',
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'",
    `X-Request-Id: ${randomUUID()}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

const statusText: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

/** Replaces Node's bare replies to unparsable requests with JSON ones. */
export function handleClientErrors(server: Server, logger: Logger): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    // As Node does: write only when no reply to this socket has started, else just close it.
    const inFlight = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
    if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
      socket.destroy();
      return;
    }
    logger.debug('client error', { errorCode: error.code });
    socket.end(clientErrorReply(error));
    // A client that never closes its side does not keep the socket.
    setTimeout(() => socket.destroy(), 2000).unref();
  });
}

/** An HTTP server for the app with JSON replies even for requests Koa never sees. */
export function createHttpServer(app: Koa, logger: Logger): Server {
  const server = createServer(app.callback());
  handleClientErrors(server, logger);
  return server;
}

/** Listens on a port (0 for any) and resolves once it does. */
export function listen(app: Koa, logger: Logger, port: number, host: string): Promise<Server> {
  const server = createHttpServer(app, logger);
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
