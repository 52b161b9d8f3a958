/**
 * "Copy as curl" gets pasted into shells: every line it produces must be inert apart from running
 * curl. Lines are checked with `bash -n` and run by a sandboxed bash in which `curl` is a no-op
 * function, so the only possible effect of an injection is a file in the sandbox directory.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RefusalRecord } from '../../src/capture/types';
import { redactUrl } from '../../src/capture/redact-url';
import { buildCurl } from '../../src/view/curl-command';
import { refusal } from '../support/records';

function recordWith(overrides: Partial<RefusalRecord> & { sentScheme?: string | null }): RefusalRecord {
  const record = refusal();
  const { sentScheme, ...rest } = overrides;
  Object.assign(record, rest);
  if (sentScheme !== undefined) record.sent = { ...record.sent, authorizationScheme: sentScheme };
  return record;
}

/** Runs each command in its own empty directory under a sandboxed bash; returns the files that appeared. */
function runInSandbox(commands: string[]): string[] {
  const root = mkdtempSync(join(tmpdir(), 'curl-sandbox-'));
  try {
    const script = commands.map((command, i) => `mkdir -p ${root}/c${i} && ( cd ${root}/c${i} && curl() { :; }\n${command}\n) 2>/dev/null`).join('\n');
    writeFileSync(join(root, 'run.sh'), script);
    execFileSync('bash', ['-n', join(root, 'run.sh')]);
    execFileSync('env', ['-i', 'PATH=/usr/bin:/bin', `HOME=${root}`, 'bash', '--noprofile', '--norc', join(root, 'run.sh')], { cwd: root, timeout: 60_000 });
    return commands.flatMap((_, i) => readdirSync(join(root, `c${i}`)).map((file) => `command ${i}: ${file}`));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('buildCurl', () => {
  it('quotes every part and adds placeholders for credentials', () => {
    const curl = buildCurl(recordWith({ url: 'https://api.example/v1/me?q=it%27s', sentScheme: 'Bearer' }));
    expect(curl).toEqual({ ok: true, command: expect.stringContaining(`curl --globoff --path-as-is -i -X 'GET' 'https://api.example/v1/me?q=it%27s'`) });
    if (curl.ok) expect(curl.command).toContain(`-H 'Authorization: Bearer <your credentials>'`);
  });

  it('refuses a method that is not a plausible HTTP method (the reported injection)', () => {
    const record = recordWith({ method: "X'", url: "http://127.0.0.1:8080/inj/$(touch$IFS./pwned)'" });
    expect(buildCurl(record)).toEqual({ ok: false, reason: 'method' });
    expect(buildCurl({ ...record, method: 'GET' })).toMatchObject({ ok: true });
  });

  it('refuses what is not an http(s) URL', () => {
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'not a url', 'http://e.example/a b', 'http://e.example/\n$(id)']) {
      expect(buildCurl(recordWith({ url }))).toEqual({ ok: false, reason: 'url' });
    }
  });

  it('percent-encodes quote and backslash in the URL, so no shell sees a quote inside it', () => {
    const curl = buildCurl(recordWith({ url: "http://e.example/a'b?x=\\'$(id)" }));
    expect(curl.ok && curl.command.split('\n')[0]).toBe(`curl --globoff --path-as-is -i -X 'GET' 'http://e.example/a%27b?x=%5C%27$(id)'`);
  });

  it('the sandbox does catch an injection (the old, unquoted method)', () => {
    expect(runInSandbox([`curl -i -X X' 'http://127.0.0.1/inj/$(touch$IFS./pwned)'\\'''`])).toEqual(['command 0: pwned']);
  });

  it('the reported payload and hostile look-alikes run nothing when pasted into bash', () => {
    const payloads = [
      { method: 'GET', url: "http://127.0.0.1/inj/$(touch$IFS./pwned)'" },
      { method: 'POST', url: 'http://127.0.0.1/`touch pwned2`' },
      { method: 'GET', url: "http://127.0.0.1/?a=';touch pwned3;'" },
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell's ${IFS}, on purpose
      { method: 'GET', url: 'http://127.0.0.1/?a=$(touch${IFS}pwned4)&b=;touch${IFS}pwned5' },
      { method: 'PUT', url: 'http://127.0.0.1/\\\'$(touch pwned6)' },
    ];
    const commands = payloads.flatMap((p) => {
      // As stored: URLs pass through redactUrl when a refusal is recorded.
      const curl = buildCurl(recordWith({ ...p, url: redactUrl(p.url), preflight: true, initiator: "http://x'$(touch pwned7)" }));
      return curl.ok ? [curl.command] : [];
    });
    expect(commands.length).toBe(payloads.length);
    expect(runInSandbox(commands)).toEqual([]);
  });

  it('fuzzed methods, URLs, schemes and header names: each line is refused or inert in bash', () => {
    const shellish = fc.constantFrom("'", '"', '$(', ')', '`', ';', '&', '|', '\\', '\n', '$IFS', 'touch pwned', '>', '<', '!', '#', ' ', '{', '}', '*');
    const piece = fc.oneof(fc.string({ maxLength: 6 }), shellish);
    const hostile = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));
    const cases = fc.sample(
      fc.record({
        method: fc.oneof(fc.constantFrom('GET', 'POST', 'PROPFIND', 'M-SEARCH'), hostile),
        url: fc.oneof(
          hostile.map((tail) => `http://127.0.0.1/${tail}`),
          hostile.map((tail) => redactUrl(`http://127.0.0.1/${tail}`)),
          hostile.map((tail) => redactUrl(`https://e.example/?q=${tail}`)),
          fc.webUrl(),
          hostile,
        ),
        scheme: fc.oneof(fc.constant(null), fc.constantFrom('Bearer', 'Basic'), hostile),
        header: fc.oneof(fc.constantFrom('x-api-key', 'dpop'), hostile),
        initiator: fc.oneof(fc.constant(null), fc.constant('https://app.example'), hostile),
      }),
      { numRuns: 400, seed: 401 },
    );
    const commands: string[] = [];
    for (const c of cases) {
      const record = recordWith({ method: c.method, url: c.url, sentScheme: c.scheme, preflight: c.initiator !== null, initiator: c.initiator });
      record.sent = { ...record.sent, cookies: true, notableHeaders: [c.header] };
      const curl = buildCurl(record);
      if (curl.ok) commands.push(curl.command);
    }
    expect(commands.length).toBeGreaterThan(100);
    expect(runInSandbox(commands)).toEqual([]);
  });
});

/**
 * The line must repeat the refused request, once: curl reads `{a,b}` and `[1-9]` in a URL as globs
 * (several requests, none of them the refused one) and squashes `/../` unless told otherwise. The
 * real /usr/bin/curl runs each line against a local server that counts what arrives.
 */
describe('the curl line sends the refused request, exactly once', () => {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(401, { 'www-authenticate': 'Bearer realm="api"' });
    res.end();
  });
  let origin = '';
  beforeAll(async () => {
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  /** Runs the line in bash with the real curl, no proxy, no ~/.curlrc; resolves once curl is done. */
  function runCurl(command: string): Promise<void> {
    const home = mkdtempSync(join(tmpdir(), 'curl-home-'));
    return new Promise<void>((done, fail) => {
      execFile('env', ['-i', 'PATH=/usr/bin:/bin', `HOME=${home}`, 'bash', '--noprofile', '--norc', '-c', `${command} -s -o /dev/null`], { timeout: 30_000 }, (error) => {
        rmSync(home, { recursive: true, force: true });
        if (error) fail(error);
        else done();
      });
    });
  }

  it.each([
    ['a range in the path and a set in the query', '/api/items/[1-3]/x?q={a,b}'],
    ['a set in the path (percent-encoded by the URL) and a range in the query', '/api/{a,b}?page=[1-9]&x={c,d}'],
    ['brackets alone', '/api/[x]?filter[name]=a&list[]=1'],
  ])('%s', async (_name, path) => {
    const record = recordWith({ url: redactUrl(`${origin}${path}`), sentScheme: 'Bearer' });
    const curl = buildCurl(record);
    expect(curl.ok).toBe(true);
    if (!curl.ok) return;
    seen.length = 0;
    await runCurl(curl.command);
    const refused = new URL(record.url);
    expect(seen).toEqual([`GET ${refused.pathname}${refused.search}`]);
  });
});
