/**
 * A bare TCP server on 127.0.0.1 that writes HTTP responses byte for byte, for header values no
 * well-behaved server library would send: control characters, invalid UTF-8, huge or countless challenges.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';

type Raw = Buffer | string;

function response(status: string, headers: Raw[], body = 'refused'): Buffer {
  const parts: Buffer[] = [Buffer.from(`HTTP/1.1 ${status}\r\n`, 'latin1')];
  const all = [...headers, 'Content-Type: text/plain', `Content-Length: ${body.length}`, 'Access-Control-Allow-Origin: *', 'Connection: close'];
  for (const header of all) parts.push(typeof header === 'string' ? Buffer.from(header, 'latin1') : header, Buffer.from('\r\n'));
  parts.push(Buffer.from('\r\n'), Buffer.from(body));
  return Buffer.concat(parts);
}

/** Path → the raw response to send. */
export const HOSTILE_RESPONSES: Record<string, () => Buffer> = {
  '/control-chars': () => response('401 Unauthorized', ['WWW-Authenticate: Bearer realm="a\x01b\x07c\x1b[31mred", error_description="tab\there"']),
  '/invalid-utf8': () =>
    response('401 Unauthorized', [Buffer.concat([Buffer.from('WWW-Authenticate: Basic realm="caf'), Buffer.from([0xe9, 0xff, 0xfe, 0xc3]), Buffer.from('"')])]),
  '/huge-challenge': () => response('401 Unauthorized', [`WWW-Authenticate: Bearer realm="${'R'.repeat(100_000)}", error="invalid_token"`]),
  '/many-challenges': () => response('401 Unauthorized', [`WWW-Authenticate: ${Array.from({ length: 3_000 }, (_, i) => `Scheme${i} realm="r${i}"`).join(', ')}`]),
  '/many-header-lines': () => response('401 Unauthorized', Array.from({ length: 500 }, (_, i) => `WWW-Authenticate: Basic realm="line ${i}"`)),
  '/html-status-line': () => response('401 <img src=x onerror=alert(1)>', ['WWW-Authenticate: Basic realm="<script>alert(1)</script>"']),
};

export async function startRawServer(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.once('data', (data) => {
      const path = /^[A-Z]+ (\S+)/.exec(data.toString('latin1'))?.[1]?.split('?')[0] ?? '/';
      const make = HOSTILE_RESPONSES[path];
      socket.end(make ? make() : response('404 Not Found', []));
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
