/** A local HTTP proxy on 127.0.0.1 that refuses everything with 407, for the proxy tests. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export async function startRefusingProxy(): Promise<{ address: string; seen: string[]; close(): Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(407, { 'proxy-authenticate': 'Basic realm="Test proxy"', 'content-type': 'text/plain', connection: 'close' });
    res.end('Proxy authentication required');
  });
  // HTTPS through the proxy starts with CONNECT; refuse that too.
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="Test proxy"\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { address: `127.0.0.1:${port}`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
