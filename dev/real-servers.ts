/**
 * Real server software from Debian's packages, started by the e2e tests as ordinary processes on 127.0.0.1:
 *
 * | start function           | Debian package  | what it refuses                                              |
 * |--------------------------|-----------------|--------------------------------------------------------------|
 * | startNginx()             | nginx           | /basic/ (HTML) and /api/ (JSON): Basic (auth_basic)          |
 * |                          |                 | /account/: 401 with its own sign-in form, no challenge       |
 * | startApacheDigest()      | apache2-bin     | /digest/: Digest MD5, nonce lives 2 s (stale=true after 3 s) |
 * |                          |                 | /dav/: WebDAV (mod_dav) behind Basic, answered by XHR        |
 * | startSquidBasic()        | squid           | every request through it: 407 Proxy-Authenticate: Basic      |
 * | startSquidNtlm()         | squid           | every request through it: 407 NTLM (multi-round handshake)   |
 * | startRegistry()          | docker-registry | /v2/...: Bearer token auth (realm, service, scope)           |
 * | startLighttpdDigest()    | lighttpd        | /digest-sha256/: Digest SHA-256 and MD5, two header lines    |
 *
 * The user is always alice / wonderland (`ALICE`). Each server gets a fresh temp dir holding its config (filled
 * in from a template in dev/real-servers/), document root, password file, pid file, logs and cache: nothing
 * outside it is written, no system service or config is touched. It listens on a free port of 127.0.0.1, runs
 * in the foreground in a process group of its own, and the start function resolves once it really answers HTTP.
 *
 * Stopping: `close()` ends the whole process group (squid's helpers and any workers too), waits until every
 * process is gone and removes the temp dir. Servers still running when the Node process exits, or gets
 * SIGINT/SIGTERM/SIGHUP, are killed synchronously; and if the Node process is killed outright (SIGKILL), a small
 * watcher started with each server (in its process group) notices within a second and ends the group.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chownSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The one user every real server knows. */
export const ALICE = { username: 'alice', password: 'wonderland' } as const;

export const REALMS = {
  nginxBasic: 'Members area',
  nginxApi: 'API',
  apacheDigest: 'Digest area',
  squidBasic: 'Test proxy (squid Basic)',
  lighttpdDigest: 'SHA-256 area',
  registryService: 'registry.test',
} as const;

/** Where the config templates and document roots live. */
export const TEMPLATE_DIR = fileURLToPath(new URL('./real-servers', import.meta.url));

export interface RealServer {
  /** http://127.0.0.1:PORT */
  origin: string;
  port: number;
  /** The temp dir with config, logs and pid file (removed by close(); kept if KEEP_REAL_SERVER_DIRS=1). */
  dir: string;
  /** A file from the temp dir, e.g. the server's access or error log ('' if it does not exist). */
  readFile(name: string): string;
  close(): Promise<void>;
}

export interface RealProxy extends Omit<RealServer, 'origin'> {
  /** 127.0.0.1:PORT, as Chromium's --proxy-server and test-proxy.ts give it. */
  address: string;
  /** http://127.0.0.1:PORT, for playwright's `proxy: { server }`. */
  server: string;
}

export interface RegistryServer extends RealServer {
  /** The token service the challenge points to (nothing listens there unless the caller starts something). */
  tokenRealm: string;
  service: string;
  issuer: string;
  /** The key whose certificate the registry trusts: a test may sign its own tokens with it (ES256, kid-less x5c). */
  signerKeyPath: string;
  signerCertPath: string;
}

interface Binary {
  path: string;
  /** The Debian package that ships it (named in the error when it is missing). */
  debPackage: string;
}

const BINARIES = {
  nginx: { path: '/usr/sbin/nginx', debPackage: 'nginx' },
  apache2: { path: '/usr/sbin/apache2', debPackage: 'apache2-bin' },
  squid: { path: '/usr/sbin/squid', debPackage: 'squid' },
  basicNcsaAuth: { path: '/usr/lib/squid/basic_ncsa_auth', debPackage: 'squid' },
  ntlmFakeAuth: { path: '/usr/lib/squid/ntlm_fake_auth', debPackage: 'squid' },
  registry: { path: '/usr/bin/docker-registry', debPackage: 'docker-registry' },
  lighttpd: { path: '/usr/sbin/lighttpd', debPackage: 'lighttpd' },
  openssl: { path: '/usr/bin/openssl', debPackage: 'openssl' },
} satisfies Record<string, Binary>;

/** The Debian packages the real-server e2e tests need (for .ci/run). */
export const REAL_SERVER_DEB_PACKAGES = [...new Set(Object.values(BINARIES).map((b) => b.debPackage))];

function requireBinary(binary: Binary, what: string): void {
  if (!existsSync(binary.path)) {
    throw new Error(`${what} needs ${binary.path}, which is missing: install the Debian package "${binary.debPackage}" (apt-get install -y ${binary.debPackage}).`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Processes: start in a process group of their own, find every descendant, stop them all.

interface ProcInfo {
  pid: number;
  ppid: number;
  pgrp: number;
  state: string;
  /** Start time in clock ticks since boot: tells a process from a later one that reuses its pid. */
  start: string;
}

function readProc(pid: number | string): ProcInfo | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
    // "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime cstime
    // priority nice threads itrealvalue starttime ...": comm may hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { pid: Number(pid), state: fields[0]!, ppid: Number(fields[1]), pgrp: Number(fields[2]), start: fields[19]! };
  } catch {
    return null;
  }
}

function allProcs(): ProcInfo[] {
  const found: ProcInfo[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const info = readProc(entry);
    if (info && info.state !== 'Z') found.push(info);
  }
  return found;
}

/** The processes of a group plus every descendant of `root` (squid's helpers start sessions of their own). */
function family(root: number, pgrp: number): ProcInfo[] {
  const procs = allProcs();
  const members = new Map<number, ProcInfo>();
  for (const p of procs) if (p.pgrp === pgrp) members.set(p.pid, p);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of procs) {
      if (!members.has(p.pid) && (p.ppid === root || members.has(p.ppid))) {
        members.set(p.pid, p);
        grew = true;
      }
    }
  }
  return [...members.values()];
}

function stillThere(p: ProcInfo): boolean {
  const now = readProc(p.pid);
  return now !== null && now.state !== 'Z' && now.start === p.start;
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // already gone
  }
}

/**
 * Runs the server in the background of a small shell that is the process group's leader, next to a watcher that
 * ends the group (and removes the temp dir) once the Node process that started it is gone, even after a SIGKILL.
 * On SIGTERM the shell passes it on and waits for the server, so the server is reaped by its own parent.
 * Arguments: owner pid, temp dir, command, its arguments.
 */
const GUARD_SCRIPT = `owner=$1; dir=$2; shift 2
"$@" &
server=$!
( while kill -0 "$owner" 2>/dev/null; do sleep 1; done; rm -rf "$dir"; kill -KILL 0 ) &
watcher=$!
trap 'kill -TERM "$server" 2>/dev/null' TERM INT HUP
while :; do
  wait "$server"
  code=$?
  kill -0 "$server" 2>/dev/null || break
done
kill "$watcher" 2>/dev/null
wait "$watcher" 2>/dev/null
exit "$code"
`;

interface Running {
  name: string;
  child: ChildProcess;
  pgid: number;
  dir: string;
  exited: { code: number | null; signal: NodeJS.Signals | null } | null;
  output: string;
}

const live = new Set<Running>();
let handlersInstalled = false;
const keepDirs = process.env.KEEP_REAL_SERVER_DIRS === '1';

/** Kills every server still running, synchronously (for 'exit' and signal handlers). */
function killAllNow(): void {
  for (const running of live) {
    const members = family(running.pgid, running.pgid);
    signal(-running.pgid, 'SIGKILL');
    for (const p of members) if (stillThere(p)) signal(p.pid, 'SIGKILL');
    if (!keepDirs) rmSync(running.dir, { recursive: true, force: true, maxRetries: 3 });
  }
  live.clear();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', killAllNow);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAllNow();
      // Alone on this signal, our listener replaced Node's default (exit): restore it and let the signal act.
      if (process.listenerCount(sig) === 1) {
        process.removeListener(sig, onSignal);
        process.kill(process.pid, sig);
      }
    };
    process.on(sig, onSignal);
  }
}

async function stop(running: Running): Promise<void> {
  if (!live.has(running)) return;
  const members = family(running.pgid, running.pgid);
  signal(-running.pgid, 'SIGTERM');
  const gone = () => members.every((p) => !stillThere(p)) && family(running.pgid, running.pgid).length === 0;
  const deadline = Date.now() + 5_000;
  while (!gone() && Date.now() < deadline) await sleep(50);
  if (!gone()) {
    signal(-running.pgid, 'SIGKILL');
    for (const p of [...members, ...family(running.pgid, running.pgid)]) if (stillThere(p)) signal(p.pid, 'SIGKILL');
    const killDeadline = Date.now() + 2_000;
    while (!gone() && Date.now() < killDeadline) await sleep(50);
  }
  live.delete(running);
  if (!keepDirs) rmSync(running.dir, { recursive: true, force: true, maxRetries: 3 });
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

function launch(name: string, dir: string, command: string, args: string[]): Running {
  installHandlers();
  const child = spawn('/bin/sh', ['-c', GUARD_SCRIPT, 'real-server-guard', String(process.pid), dir, command, ...args], {
    cwd: dir,
    detached: true, // a process group of its own: one kill reaches the server, its workers and the watcher
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const running: Running = { name, child, pgid: child.pid ?? -1, dir, exited: null, output: '' };
  const collect = (chunk: Buffer) => {
    running.output = (running.output + chunk.toString('utf8')).slice(-8_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  child.on('exit', (code, sig) => {
    running.exited = { code, signal: sig };
  });
  child.on('error', (error) => {
    running.exited = { code: null, signal: null };
    running.output += `\n${String(error)}`;
  });
  // A script that forgets close() still ends; the 'exit' handler then stops the server.
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as unknown as { unref?: () => void } | null)?.unref?.();
  if (running.pgid > 0) live.add(running);
  return running;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers: ports, temp dirs, templates, users, password files.

/** A port that was free a moment ago (the server binds it next; a lost race is retried by `startWithRetry`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

function makeDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `real-server-${name}-`));
  if (/\s/.test(dir)) throw new Error(`the temp dir ${dir} has whitespace, which the server configs do not quote`);
  return dir;
}

/** Fills `{{KEY}}` placeholders; every placeholder must have a value. */
export function fillTemplate(text: string, values: Record<string, string | number>): string {
  const filled = text.replace(/\{\{([A-Z_]+)\}\}/g, (whole, key: string) => {
    if (!(key in values)) throw new Error(`template placeholder ${whole} has no value`);
    return String(values[key]);
  });
  return filled;
}

function writeFromTemplate(dir: string, template: string, values: Record<string, string | number>, target = template): string {
  const path = join(dir, target);
  writeFileSync(path, fillTemplate(readFileSync(join(TEMPLATE_DIR, template), 'utf8'), values));
  return path;
}

function copyRoot(dir: string, template: string): string {
  const root = join(dir, 'root');
  cpSync(join(TEMPLATE_DIR, template), root, { recursive: true });
  return root;
}

interface Account {
  user: string;
  group: string;
  uid: number;
  gid: number;
}

function lookUp(file: string, name: string): number | null {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const fields = line.split(':');
    if (fields[0] === name && fields[2]) return Number(fields[2]);
  }
  return null;
}

/**
 * The account a server that drops privileges will run as: `preferred` (e.g. www-data, proxy) when we are root,
 * else ourselves. Its temp dir is handed to it so it can read its files and write its logs.
 */
function serverAccount(preferred: string): Account {
  const me = userInfo();
  if (me.uid !== 0) {
    const group = readFileSync('/etc/group', 'utf8').split('\n').find((line) => line.split(':')[2] === String(me.gid))?.split(':')[0];
    return { user: me.username, group: group ?? String(me.gid), uid: me.uid, gid: me.gid };
  }
  for (const [user, group] of [[preferred, preferred], ['nobody', 'nogroup']] as const) {
    const uid = lookUp('/etc/passwd', user);
    const gid = lookUp('/etc/group', group);
    if (uid !== null && gid !== null) return { user, group, uid, gid };
  }
  throw new Error(`neither the user ${preferred} nor nobody exists on this machine`);
}

function handOver(dir: string, account: Account): void {
  if (userInfo().uid !== 0) return;
  const walk = (path: string): void => {
    chownSync(path, account.uid, account.gid);
    try {
      for (const entry of readdirSync(path)) walk(join(path, entry));
    } catch {
      // a file, not a directory
    }
  };
  walk(dir);
}

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** htdigest line: user:realm:md5(user:realm:password) (Apache, lighttpd). */
function htdigestLine(realm: string, hash: (text: string) => string = md5): string {
  return `${ALICE.username}:${realm}:${hash(`${ALICE.username}:${realm}:${ALICE.password}`)}\n`;
}

/** htpasswd line with the {SHA} scheme (base64 of SHA-1), which nginx reads without any extra tool. */
function htpasswdShaLine(password: string = ALICE.password): string {
  return `${ALICE.username}:{SHA}${createHash('sha1').update(password).digest('base64')}\n`;
}

/**
 * Changes alice's password in nginx's password file, as a site owner does (nginx reads the file on each
 * request): a password the browser saved or cached before is refused from then on.
 */
export function changeNginxPassword(nginx: RealServer, password: string): void {
  writeFileSync(join(nginx.dir, 'htpasswd'), htpasswdShaLine(password));
}

/** htpasswd line with Apache's MD5 ($apr1$), as `htpasswd` writes by default; squid's basic_ncsa_auth reads it. */
function htpasswdApr1Line(): string {
  requireBinary(BINARIES.openssl, 'the squid password file');
  const made = spawnSync(BINARIES.openssl.path, ['passwd', '-apr1', ALICE.password], { encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`openssl passwd failed: ${made.stderr}`);
  return `${ALICE.username}:${made.stdout.trim()}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Readiness: the server answers an HTTP request.

function httpStatus(options: { port: number; path: string; method?: string }): Promise<number> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: options.port, path: options.path, method: options.method ?? 'GET', agent: false, timeout: 2_000 }, (res) => {
      res.resume();
      done(res.statusCode ?? 0);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end();
  });
}

function describeFailure(running: Running, logs: string[], why: string): Error {
  const tails = logs
    .map((name) => {
      const path = join(running.dir, name);
      return existsSync(path) ? `--- ${name}:\n${readFileSync(path, 'utf8').split('\n').slice(-15).join('\n')}` : '';
    })
    .filter(Boolean)
    .join('\n');
  return new Error(`${running.name} ${why}.\n--- output:\n${running.output.trim()}\n${tails}`);
}

/**
 * Waits until GET `path` on the port answers (or the process exits: that is a failure), and checks the status.
 * `path` may be an absolute URL: that is a proxy request.
 */
async function waitUntilAnswering(running: Running, port: number, path: string, expectStatus: number, logs: string[]): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (running.exited) throw describeFailure(running, logs, `exited during start (code ${running.exited.code}, signal ${running.exited.signal})`);
    try {
      const status = await httpStatus({ port, path });
      if (status !== expectStatus) throw describeFailure(running, logs, `answered GET ${path} with ${status}, expected ${expectStatus}`);
      return;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith(running.name)) throw error;
    }
    if (Date.now() > deadline) throw describeFailure(running, logs, `did not answer on 127.0.0.1:${port} within 20 s`);
    await sleep(100);
  }
}

interface StartSpec {
  name: string;
  binary: Binary;
  /** Writes the config into `dir` for `port` and returns the command's arguments. */
  prepare(dir: string, port: number): string[];
  /** Request that proves the server is up, and the status it must answer. */
  ready: { path: string; status: number };
  /** Logs to show when it fails (names in the temp dir). */
  logs: string[];
}

async function startServer(spec: StartSpec): Promise<{ port: number; dir: string; running: Running }> {
  requireBinary(spec.binary, spec.name);
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = makeDir(spec.name);
    const port = await freePort();
    let running: Running | null = null;
    try {
      const args = spec.prepare(dir, port);
      running = launch(spec.name, dir, spec.binary.path, args);
      await waitUntilAnswering(running, port, spec.ready.path, spec.ready.status, spec.logs);
      return { port, dir, running };
    } catch (error) {
      lastError = error;
      if (running) await stop(running);
      else rmSync(dir, { recursive: true, force: true });
      // Only a lost race for the port is worth another try.
      if (!/address already in use|Address in use|bind|EADDRINUSE|could not bind/i.test(String(error))) break;
    }
  }
  throw lastError;
}

function handle(started: { port: number; dir: string; running: Running }): Omit<RealServer, 'origin'> {
  return {
    port: started.port,
    dir: started.dir,
    readFile: (name) => {
      const path = join(started.dir, name);
      return existsSync(path) ? readFileSync(path, 'utf8') : '';
    },
    close: () => stop(started.running),
  };
}

// ---------------------------------------------------------------------------------------------------------
// The servers.

/**
 * nginx with auth_basic: `/` and `/app.html` open (app.html fetches `/api/data` and reports the status in
 * `#out[data-done]`), `/basic/` (HTML, realm "Members area") and `/api/` (JSON, realm "API") refused without
 * alice's password. One process (master_process off), running as the user who started it.
 */
export async function startNginx(): Promise<RealServer> {
  const started = await startServer({
    name: 'nginx',
    binary: BINARIES.nginx,
    prepare: (dir, port) => {
      const root = copyRoot(dir, 'nginx-root');
      writeFileSync(join(dir, 'htpasswd'), htpasswdShaLine());
      const conf = writeFromTemplate(dir, 'nginx.conf', { DIR: dir, PORT: port, ROOT: root });
      // -e: the error log before the config is read (the default is a system path).
      return ['-p', dir, '-c', conf, '-e', join(dir, 'error.log')];
    },
    ready: { path: '/', status: 200 },
    logs: ['error.log'],
  });
  return { origin: `http://127.0.0.1:${started.port}`, ...handle(started) };
}

/**
 * Apache httpd with mod_auth_digest on `/digest/` (realm "Digest area", MD5, qop=auth) and a nonce that lives
 * 2 s: the same page opened again after 3 s gets `401` with `stale=true` before the browser's retry succeeds.
 * `apache2 -X` (one process in the foreground); started as root it runs as www-data. `access.log` shows each
 * request's status and Authorization header.
 */
export async function startApacheDigest(): Promise<RealServer> {
  const started = await startServer({
    name: 'apache2',
    binary: BINARIES.apache2,
    prepare: (dir, port) => {
      const account = serverAccount('www-data');
      const root = copyRoot(dir, 'apache-root');
      writeFileSync(join(dir, 'htdigest'), htdigestLine(REALMS.apacheDigest));
      writeFileSync(join(dir, 'htpasswd'), htpasswdApr1Line());
      const conf = writeFromTemplate(dir, 'apache2.conf', { DIR: dir, PORT: port, ROOT: root, USER: `#${account.uid}`, GROUP: `#${account.gid}` });
      handOver(dir, account);
      return ['-X', '-f', conf];
    },
    ready: { path: '/', status: 200 },
    logs: ['error.log'],
  });
  return { origin: `http://127.0.0.1:${started.port}`, ...handle(started) };
}

function startSquid(name: string, template: string, extraFiles: (dir: string) => void): Promise<RealProxy> {
  return startServer({
    name,
    binary: BINARIES.squid,
    prepare: (dir, port) => {
      const account = serverAccount('proxy');
      extraFiles(dir);
      // No DNS: the test origins are IP literals; hostnames resolve from this file or not at all.
      writeFileSync(join(dir, 'hosts'), '127.0.0.1 localhost\n');
      const shared = writeFromTemplate(dir, 'squid-common.conf', { DIR: dir, USER: account.user, GROUP: account.group });
      const conf = writeFromTemplate(dir, template, { DIR: dir, PORT: port, SHARED: shared });
      handOver(dir, account);
      return ['-N', '-f', conf];
    },
    // A proxy request without credentials: squid answers 407 once it is up.
    ready: { path: 'http://127.0.0.1:9/', status: 407 },
    logs: ['cache.log'],
  }).then((started) => ({ address: `127.0.0.1:${started.port}`, server: `http://127.0.0.1:${started.port}`, ...handle(started) }));
}

/**
 * squid as a forward proxy asking for a password (Basic, realm "Test proxy (squid Basic)", basic_ncsa_auth);
 * alice/wonderland passes. Origins on 127.0.0.1 are allowed (Chromium needs --proxy-bypass-list=<-loopback>
 * to send loopback through a proxy). No cache, no DNS. `access.log` has squid's log lines.
 */
export function startSquidBasic(): Promise<RealProxy> {
  requireBinary(BINARIES.basicNcsaAuth, 'squid Basic auth');
  return startSquid('squid-basic', 'squid-basic.conf', (dir) => writeFileSync(join(dir, 'passwd'), htpasswdApr1Line()));
}

/** squid asking for NTLM (ntlm_fake_auth: any user and password pass after the three-message handshake). */
export function startSquidNtlm(): Promise<RealProxy> {
  requireBinary(BINARIES.ntlmFakeAuth, 'squid NTLM auth');
  return startSquid('squid-ntlm', 'squid-ntlm.conf', () => {});
}

/**
 * The Go distribution registry (docker-registry) with token auth: `GET /v2/` answers 401 with
 * `Www-Authenticate: Bearer realm="<tokenRealm>",service="registry.test"`, and a repository path adds
 * `scope="repository:<name>:pull"`. No token service runs unless the caller starts one at `tokenRealm`
 * (default: a free port's /token). Storage is the filesystem driver in the temp dir.
 */
export async function startRegistry(options: { tokenRealm?: string } = {}): Promise<RegistryServer> {
  requireBinary(BINARIES.openssl, 'docker-registry token auth (signing certificate)');
  const tokenRealm = options.tokenRealm ?? `http://127.0.0.1:${await freePort()}/token`;
  const issuer = 'token.registry.test';
  const started = await startServer({
    name: 'docker-registry',
    binary: BINARIES.registry,
    prepare: (dir, port) => {
      const made = spawnSync(
        BINARIES.openssl.path,
        ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'token-signer.key', '-out', 'token-signer.crt', '-days', '2', '-subj', `/CN=${issuer}`],
        { cwd: dir, encoding: 'utf8' },
      );
      if (made.status !== 0) throw new Error(`openssl could not make the token signing certificate: ${made.stderr}`);
      const conf = writeFromTemplate(dir, 'registry.yml', { DIR: dir, PORT: port, TOKEN_REALM: tokenRealm });
      return ['serve', conf];
    },
    ready: { path: '/v2/', status: 401 },
    logs: [],
  });
  return {
    origin: `http://127.0.0.1:${started.port}`,
    tokenRealm,
    service: REALMS.registryService,
    issuer,
    signerKeyPath: join(started.dir, 'token-signer.key'),
    signerCertPath: join(started.dir, 'token-signer.crt'),
    ...handle(started),
  };
}

/**
 * lighttpd with Digest on `/digest-sha256/` offering SHA-256 and MD5 side by side (RFC 7616): two
 * `WWW-Authenticate: Digest` lines with `charset="UTF-8"`. The htdigest file holds both hashes of alice's password.
 */
export async function startLighttpdDigest(): Promise<RealServer> {
  const started = await startServer({
    name: 'lighttpd',
    binary: BINARIES.lighttpd,
    prepare: (dir, port) => {
      const root = copyRoot(dir, 'lighttpd-root');
      writeFileSync(join(dir, 'htdigest'), htdigestLine(REALMS.lighttpdDigest) + htdigestLine(REALMS.lighttpdDigest, sha256));
      const conf = writeFromTemplate(dir, 'lighttpd.conf', { DIR: dir, PORT: port, ROOT: root });
      return ['-D', '-f', conf];
    },
    ready: { path: '/', status: 200 },
    logs: ['error.log'],
  });
  return { origin: `http://127.0.0.1:${started.port}`, ...handle(started) };
}

/** Every server this process started and has not closed yet (e.g. for an afterAll that closes them all). */
export async function closeAllRealServers(): Promise<void> {
  await Promise.all([...live].map((running) => stop(running)));
}
