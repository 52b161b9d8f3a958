/**
 * Starts every real server of dev/real-servers.ts, sends it a few requests with node:http, prints the
 * status and the challenge headers of each answer, and stops them. Then checks that nothing is left behind:
 * after close(), after an exception thrown while servers run, after SIGTERM and after SIGKILL of the process
 * that started them.
 *
 *   npx tsx scripts/check-real-servers.ts
 *
 * (`--child crash|hang` is the mode the script runs itself in for the leftover checks.)
 */
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import {
  ALICE,
  REALMS,
  startApacheDigest,
  startLighttpdDigest,
  startNginx,
  startRegistry,
  startSquidBasic,
  startSquidNtlm,
} from '../dev/real-servers';

const CHALLENGE_HEADERS = /^(www-authenticate|proxy-authenticate|location|content-type|docker-distribution-api-version)$/i;

interface Answer {
  status: number;
  headers: IncomingMessage['headers'];
  raw: string[];
  body: string;
}

function send(options: { port: number; path: string; headers?: Record<string, string>; agent?: Agent }): Promise<Answer> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: options.port, path: options.path, headers: options.headers, agent: options.agent ?? false, timeout: 5_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => {
        const raw: string[] = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) raw.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
        done({ status: res.statusCode ?? 0, headers: res.headers, raw, body });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end();
  });
}

function show(label: string, answer: Answer): Answer {
  console.log(`  ${label} → ${answer.status}`);
  for (const line of answer.raw) if (CHALLENGE_HEADERS.test(line.split(':')[0]!)) console.log(`      ${line}`);
  return answer;
}

const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Parses `Digest a=b, c="d"` into its parameters (enough for the servers here). */
function digestParams(challenge: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const match of challenge.replace(/^Digest\s+/i, '').matchAll(/([a-z]+)=(?:"([^"]*)"|([^,\s]*))/gi)) params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  return params;
}

function digestAuthorization(challenge: Record<string, string>, uri: string, nc: number, algorithm: 'MD5' | 'SHA-256'): string {
  const hash = (text: string) => createHash(algorithm === 'MD5' ? 'md5' : 'sha256').update(text).digest('hex');
  const ha1 = hash(`${ALICE.username}:${challenge.realm}:${ALICE.password}`);
  const ha2 = hash(`GET:${uri}`);
  const cnonce = randomBytes(8).toString('hex');
  const ncText = nc.toString(16).padStart(8, '0');
  const response = hash(`${ha1}:${challenge.nonce}:${ncText}:${cnonce}:auth:${ha2}`);
  return `Digest username="${ALICE.username}", realm="${challenge.realm}", nonce="${challenge.nonce}", uri="${uri}", algorithm=${algorithm}, response="${response}", qop=auth, nc=${ncText}, cnonce="${cnonce}"`;
}

/** A minimal NTLM type 3 (authenticate) message: ntlm_fake_auth only reads the user and domain. */
function ntlmType3(user: string, domain: string): string {
  const enc = (text: string) => Buffer.from(text, 'utf16le');
  const fields = [Buffer.alloc(24), Buffer.alloc(24), enc(domain), enc(user), enc('WS')]; // LM, NT, domain, user, workstation
  const header = Buffer.alloc(64);
  header.write('NTLMSSP\0', 0, 'latin1');
  header.writeUInt32LE(3, 8);
  let offset = 64;
  fields.forEach((field, i) => {
    header.writeUInt16LE(field.length, 12 + i * 8);
    header.writeUInt16LE(field.length, 14 + i * 8);
    header.writeUInt32LE(offset, 16 + i * 8);
    offset += field.length;
  });
  header.writeUInt16LE(0, 52); // session key: empty
  header.writeUInt16LE(0, 54);
  header.writeUInt32LE(offset, 56);
  header.writeUInt32LE(0x00088205, 60); // flags: unicode, NTLM, always sign, NTLM2
  return `NTLM ${Buffer.concat([header, ...fields]).toString('base64')}`;
}
const NTLM_TYPE1 = 'NTLM TlRMTVNTUAABAAAABoIIAAAAAAAAAAAAAAAAAAAAAAA=';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

async function exercise(): Promise<void> {
  const failures: string[] = [];
  const expect = (what: string, ok: boolean) => {
    if (!ok) failures.push(what);
  };

  console.log('nginx (auth_basic)');
  const nginx = await startNginx();
  const nginxPort = nginx.port;
  try {
    console.log(`  started at ${nginx.origin}`);
    expect('nginx / is 200', show('GET /', await send({ port: nginxPort, path: '/' })).status === 200);
    expect('nginx /app.html is 200', show('GET /app.html', await send({ port: nginxPort, path: '/app.html' })).status === 200);
    const refused = show('GET /basic/', await send({ port: nginxPort, path: '/basic/' }));
    expect('nginx /basic/ challenge', refused.status === 401 && refused.headers['www-authenticate'] === `Basic realm="${REALMS.nginxBasic}"`);
    expect('nginx /basic/ with alice', show('GET /basic/ with Basic alice', await send({ port: nginxPort, path: '/basic/', headers: { authorization: basic(ALICE.username, ALICE.password) } })).status === 200);
    expect('nginx /basic/ wrong password', show('GET /basic/ with a wrong password', await send({ port: nginxPort, path: '/basic/', headers: { authorization: basic(ALICE.username, 'nope') } })).status === 401);
    expect('nginx /api/data refused', show('GET /api/data', await send({ port: nginxPort, path: '/api/data' })).status === 401);
    const data = show('GET /api/data with Basic alice', await send({ port: nginxPort, path: '/api/data', headers: { authorization: basic(ALICE.username, ALICE.password) } }));
    expect('nginx /api/data JSON', data.status === 200 && data.headers['content-type'] === 'application/json');
  } finally {
    await nginx.close();
  }

  console.log('Apache httpd (mod_auth_digest, nonce lifetime 2 s)');
  const apache = await startApacheDigest();
  try {
    console.log(`  started at ${apache.origin}`);
    const first = show('GET /digest/', await send({ port: apache.port, path: '/digest/' }));
    const challenge = digestParams(String(first.headers['www-authenticate']));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answered = show('GET /digest/ with Digest (nc=1)', await send({ port: apache.port, path: '/digest/', agent, headers: { authorization: digestAuthorization(challenge, '/digest/', 1, 'MD5') } }));
    expect('apache digest answered', answered.status === 200);
    console.log('  (waiting 3 s: the nonce lives 2 s)');
    await sleep(3_000);
    const stale = show('GET /digest/ with the same nonce (nc=2)', await send({ port: apache.port, path: '/digest/', agent, headers: { authorization: digestAuthorization(challenge, '/digest/', 2, 'MD5') } }));
    expect('apache stale=true', stale.status === 401 && /stale=true/i.test(String(stale.headers['www-authenticate'])));
    agent.destroy();
    await sleep(300); // servers write their log line after the answer
    console.log(`  access.log:\n${apache.readFile('access.log').trim().replace(/^/gm, '      ')}`);
  } finally {
    await apache.close();
  }

  console.log('squid (Basic proxy auth) in front of nginx');
  const origin = await startNginx();
  const squid = await startSquidBasic();
  try {
    console.log(`  started at ${squid.address}, origin ${origin.origin}`);
    const target = `${origin.origin}/`;
    const refused = show(`GET ${target} through squid`, await send({ port: squid.port, path: target }));
    expect('squid 407 Basic', refused.status === 407 && refused.headers['proxy-authenticate'] === `Basic realm="${REALMS.squidBasic}"`);
    expect('squid alice passes', show(`GET ${target} with Proxy-Authorization: Basic alice`, await send({ port: squid.port, path: target, headers: { 'proxy-authorization': basic(ALICE.username, ALICE.password) } })).status === 200);
    expect('squid wrong password', show(`GET ${target} with a wrong proxy password`, await send({ port: squid.port, path: target, headers: { 'proxy-authorization': basic(ALICE.username, 'nope') } })).status === 407);
    expect('squid forwards to a 401', show(`GET ${origin.origin}/basic/ with proxy credentials only`, await send({ port: squid.port, path: `${origin.origin}/basic/`, headers: { 'proxy-authorization': basic(ALICE.username, ALICE.password) } })).status === 401);
    await sleep(300); // servers write their log line after the answer
    console.log(`  access.log:\n${squid.readFile('access.log').trim().replace(/^/gm, '      ')}`);
  } finally {
    await squid.close();
  }

  console.log('squid (NTLM proxy auth, ntlm_fake_auth) in front of nginx');
  const ntlm = await startSquidNtlm();
  try {
    console.log(`  started at ${ntlm.address}`);
    const target = `${origin.origin}/`;
    const refused = show(`GET ${target} through squid`, await send({ port: ntlm.port, path: target }));
    expect('squid 407 NTLM', refused.status === 407 && refused.headers['proxy-authenticate'] === 'NTLM');
    // The handshake must stay on one connection.
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const challenge = show('  type 1 (negotiate)', await send({ port: ntlm.port, path: target, agent, headers: { 'proxy-authorization': NTLM_TYPE1 } }));
    expect('squid NTLM type 2', challenge.status === 407 && /^NTLM \S+/.test(String(challenge.headers['proxy-authenticate'])));
    expect('squid NTLM type 3 passes', show('  type 3 (authenticate, user alice)', await send({ port: ntlm.port, path: target, agent, headers: { 'proxy-authorization': ntlmType3('alice', 'TEST') } })).status === 200);
    agent.destroy();
    await sleep(300); // servers write their log line after the answer
    console.log(`  access.log:\n${ntlm.readFile('access.log').trim().replace(/^/gm, '      ')}`);
  } finally {
    await ntlm.close();
    await origin.close();
  }

  console.log('docker-registry (token auth, no token service running)');
  const registry = await startRegistry();
  try {
    console.log(`  started at ${registry.origin}, token realm ${registry.tokenRealm}`);
    const base = show('GET /v2/', await send({ port: registry.port, path: '/v2/' }));
    expect('registry /v2/ Bearer', base.status === 401 && base.headers['www-authenticate'] === `Bearer realm="${registry.tokenRealm}",service="registry.test"`);
    const manifest = show('GET /v2/library/alpine/manifests/latest', await send({ port: registry.port, path: '/v2/library/alpine/manifests/latest' }));
    expect('registry manifest scope', manifest.status === 401 && String(manifest.headers['www-authenticate']).endsWith(',scope="repository:library/alpine:pull"'));
    const bad = show('GET /v2/ with Bearer garbage', await send({ port: registry.port, path: '/v2/', headers: { authorization: 'Bearer not-a-jwt' } }));
    expect('registry invalid token', bad.status === 401);
    console.log(`      body: ${bad.body.trim()}`);
  } finally {
    await registry.close();
  }

  console.log('lighttpd (Digest SHA-256 and MD5)');
  const lighttpd = await startLighttpdDigest();
  try {
    console.log(`  started at ${lighttpd.origin}`);
    const refused = show('GET /digest-sha256/', await send({ port: lighttpd.port, path: '/digest-sha256/' }));
    const lines = ([] as string[]).concat(refused.headers['www-authenticate'] ?? []);
    expect('lighttpd two Digest lines', refused.status === 401 && refused.raw.filter((l) => /^www-authenticate:/i.test(l)).length === 2);
    for (const algorithm of ['SHA-256', 'MD5'] as const) {
      const line = lines.find((l) => l.includes(`algorithm=${algorithm}`)) ?? '';
      const answered = show(`GET /digest-sha256/ with Digest ${algorithm}`, await send({ port: lighttpd.port, path: '/digest-sha256/', headers: { authorization: digestAuthorization(digestParams(line), '/digest-sha256/', 1, algorithm) } }));
      expect(`lighttpd ${algorithm} answered`, answered.status === 200);
    }
  } finally {
    await lighttpd.close();
  }

  if (failures.length) throw new Error(`unexpected answers: ${failures.join('; ')}`);
  console.log('all answers as expected');
}

// ---------------------------------------------------------------------------------------------------------
// Leftover checks: the script runs itself as a child that starts servers and then dies in some way.

/** Processes whose command line mentions one of `dirs`, plus squid helpers that were not there before. */
function leftovers(dirs: string[], helpersBefore: Set<number>): string[] {
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let cmdline = '';
    let comm = '';
    try {
      cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      comm = readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (/\bZ\b/.test(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.slice(0, 1))) continue;
    } catch {
      continue;
    }
    const mentionsDir = dirs.some((dir) => cmdline.includes(dir));
    const newHelper = /ntlm_fake_auth|basic_ncsa_auth/.test(comm) && !helpersBefore.has(Number(entry));
    if (mentionsDir || newHelper) found.push(`${entry} ${cmdline}`);
  }
  return found;
}

function squidHelpers(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync('/proc')) {
    try {
      if (/ntlm_fake_auth|basic_ncsa_auth/.test(readFileSync(`/proc/${entry}/comm`, 'utf8'))) pids.add(Number(entry));
    } catch {
      // not a process, or gone
    }
  }
  return pids;
}

async function startAllInChild(): Promise<void> {
  const servers = [await startNginx(), await startApacheDigest(), await startSquidBasic(), await startSquidNtlm(), await startRegistry(), await startLighttpdDigest()];
  // Make squid start its auth helpers.
  for (const proxy of servers.slice(2, 4)) await send({ port: proxy.port, path: 'http://127.0.0.1:9/', headers: { 'proxy-authorization': proxy === servers[2] ? basic('alice', 'x') : NTLM_TYPE1 } });
  console.log(`DIRS ${JSON.stringify(servers.map((s) => s.dir))}`);
}

async function runChild(mode: 'crash' | 'hang' | 'sigterm' | 'sigkill'): Promise<void> {
  const helpersBefore = squidHelpers();
  const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), '--child', mode === 'crash' ? 'crash' : 'hang'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let dirs: string[] = [];
  const ready = new Promise<void>((done) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^DIRS (.*)$/m.exec(output);
      if (line && dirs.length === 0) {
        dirs = JSON.parse(line[1]!) as string[];
        done();
      }
    });
  });
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<string>((done) => child.on('exit', (code, sig) => done(sig ? `signal ${sig}` : `code ${code}`)));
  await Promise.race([ready, exited]);
  if (dirs.length === 0) throw new Error(`the child did not start its servers:\n${output}`);
  const runningBefore = leftovers(dirs, helpersBefore).length;
  if (mode === 'sigterm') child.kill('SIGTERM');
  if (mode === 'sigkill') child.kill('SIGKILL');
  const how = await exited;
  // After SIGKILL nothing in the child ran: the watchers notice within a second.
  const deadline = Date.now() + (mode === 'sigkill' ? 4_000 : 1_500);
  let left = leftovers(dirs, helpersBefore);
  while (left.length && Date.now() < deadline) {
    await sleep(100);
    left = leftovers(dirs, helpersBefore);
  }
  const dirsLeft = dirs.filter((dir) => existsSync(dir));
  const what = { crash: 'exception thrown with 6 servers running', hang: '', sigterm: 'SIGTERM with 6 servers running', sigkill: 'SIGKILL with 6 servers running' }[mode];
  console.log(`  ${what}: child ended with ${how}; ${runningBefore} server processes before, ${left.length} left after, ${dirsLeft.length} temp dirs left`);
  if (left.length || dirsLeft.length) throw new Error(`left behind:\n${left.join('\n')}\n${dirsLeft.join('\n')}`);
}

async function main(): Promise<void> {
  const childMode = process.argv[process.argv.indexOf('--child') + 1];
  if (process.argv.includes('--child')) {
    await startAllInChild();
    // An uncaught exception with the servers running: the process dies; real-servers' 'exit' handler cleans up.
    if (childMode === 'crash') setTimeout(() => { throw new Error('thrown on purpose with the servers running'); }, 10);
    else setInterval(() => {}, 1_000); // hang until killed
    return;
  }
  const started = Date.now();
  await exercise();
  console.log('leftover checks');
  await runChild('crash');
  await runChild('sigterm');
  await runChild('sigkill');
  console.log(`done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
