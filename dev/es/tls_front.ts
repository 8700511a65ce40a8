/*
 * The source as a self-managed cluster with a self-signed CA looks (seed 003): nginx on loopback serving
 * HTTPS with a certificate signed by a CA generated here with openssl, asking for basic auth, and
 * proxying to the source node. The generated password stays in .testbed/tls/credentials.json (mode 600)
 * and is never printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { NodeConfig, STATE_DIR, tlsFrontPort, tlsFrontUrl } from './testbed_config';
import { isPidAlive, isPortFree, killAndWait, readPid, waitFor } from './process_utils';

export const TLS_USERNAME = 'migration_reader';
const tlsDir = (): string => path.join(STATE_DIR, 'tls');
export const caPath = (): string => path.join(tlsDir(), 'ca.pem');
/** A second, unrelated CA: what an untrusting destination trusts instead of ours. */
export const decoyCaPath = (): string => path.join(tlsDir(), 'decoy_ca.pem');
const credentialsPath = (): string => path.join(tlsDir(), 'credentials.json');
const pidPath = (): string => path.join(tlsDir(), 'nginx.pid');

const openssl = (args: string[]): void => {
  execFileSync('openssl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

const createCa = (name: string, keyFile: string, certFile: string): void => {
  openssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', keyFile, '-out', certFile,
    '-days', '3650', '-subj', `/CN=${name}`]);
};

/** Generates the CAs, the server certificate (SAN 127.0.0.1 and localhost) and the credentials once. */
export const ensureTlsMaterial = (): void => {
  const dir = tlsDir();
  fs.mkdirSync(dir, { recursive: true });
  if (!fs.existsSync(caPath())) {
    createCa('Migration Assistant test bed CA', path.join(dir, 'ca.key'), caPath());
    createCa('Some other CA', path.join(dir, 'decoy_ca.key'), decoyCaPath());
    const ext = path.join(dir, 'server.ext');
    fs.writeFileSync(ext, 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n');
    openssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'server.key'),
      '-out', path.join(dir, 'server.csr'), '-subj', '/CN=127.0.0.1']);
    openssl(['x509', '-req', '-in', path.join(dir, 'server.csr'), '-CA', caPath(), '-CAkey',
      path.join(dir, 'ca.key'), '-CAcreateserial', '-out', path.join(dir, 'server.pem'), '-days', '3650',
      '-extfile', ext]);
  }
  if (!fs.existsSync(credentialsPath())) {
    const password = crypto.randomBytes(18).toString('base64url');
    fs.writeFileSync(credentialsPath(), JSON.stringify({ username: TLS_USERNAME, password }), { mode: 0o600 });
    const hash = execFileSync('openssl', ['passwd', '-apr1', '-stdin'], { input: password, encoding: 'utf8' });
    // nginx workers run as an unprivileged user and must read the password file.
    fs.writeFileSync(path.join(dir, 'htpasswd'), `${TLS_USERNAME}:${hash.trim()}\n`, { mode: 0o644 });
  }
};

export const tlsCredentials = (): { username: string; password: string } =>
  JSON.parse(fs.readFileSync(credentialsPath(), 'utf8')) as { username: string; password: string };

const UNAUTHORIZED_BODY = JSON.stringify({
  error: {
    root_cause: [{ type: 'security_exception', reason: `unable to authenticate user [${TLS_USERNAME}] for REST request [/]` }],
    type: 'security_exception',
    reason: `unable to authenticate user [${TLS_USERNAME}] for REST request [/]`,
  },
  status: 401,
});

const writeNginxConf = (source: NodeConfig): string => {
  const dir = tlsDir();
  const conf = path.join(dir, 'nginx.conf');
  fs.writeFileSync(
    conf,
    `# Written by dev/es/tls_front.ts
worker_processes 1;
pid ${pidPath()};
error_log ${path.join(dir, 'error.log')} warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${path.join(dir, 'body')};
  proxy_temp_path ${path.join(dir, 'proxy')};
  fastcgi_temp_path ${path.join(dir, 'fastcgi')};
  uwsgi_temp_path ${path.join(dir, 'uwsgi')};
  scgi_temp_path ${path.join(dir, 'scgi')};
  client_max_body_size 200m;
  server {
    listen 127.0.0.1:${tlsFrontPort()} ssl;
    ssl_certificate ${path.join(dir, 'server.pem')};
    ssl_certificate_key ${path.join(dir, 'server.key')};
    auth_basic "security";
    auth_basic_user_file ${path.join(dir, 'htpasswd')};
    # Answer a failed login the way Elasticsearch's own security does, with its JSON error body.
    error_page 401 /_test_bed_unauthorized;
    location = /_test_bed_unauthorized {
      internal;
      auth_basic off;
      default_type application/json;
      add_header WWW-Authenticate 'Basic realm="security" charset="UTF-8"' always;
      return 401 '${UNAUTHORIZED_BODY}';
    }
    location / {
      proxy_pass ${source.url};
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_buffering off;
      proxy_read_timeout 300s;
    }
  }
}
`
  );
  return conf;
};

export const isTlsFrontRunning = (): boolean => {
  const pid = readPid(pidPath());
  return pid !== undefined && isPidAlive(pid);
};

export const startTlsFront = async (source: NodeConfig, log: (line: string) => void): Promise<boolean> => {
  ensureTlsMaterial();
  if (isTlsFrontRunning()) return false;
  if (!(await isPortFree(tlsFrontPort()))) {
    throw new Error(
      `Port ${tlsFrontPort()} needed by the test bed's TLS front is already in use by another process. ` +
        'Stop that process or choose another port with MA_TESTBED_TLS_PORT.'
    );
  }
  const conf = writeNginxConf(source);
  log(`Starting the TLS front (nginx) on ${tlsFrontUrl()} -> ${source.url}...`);
  const nginx = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
  const result = spawnSync(nginx, ['-c', conf, '-p', tlsDir(), '-e', path.join(tlsDir(), 'error.log')], {
    encoding: 'utf8',
  });
  if (result.status !== 0) {
    throw new Error(`nginx failed to start: ${result.stderr}`);
  }
  await waitFor(() => isTlsFrontRunning(), 10_000, 'nginx to write its pid file');
  return true;
};

export const stopTlsFront = async (log: (line: string) => void): Promise<boolean> => {
  const pid = readPid(pidPath());
  if (pid === undefined) return false;
  if (isPidAlive(pid)) {
    log(`Stopping the TLS front (pid ${pid})...`);
    await killAndWait(pid);
  }
  fs.rmSync(pidPath(), { force: true });
  return true;
};

export const tlsFrontPid = (): number | undefined => readPid(pidPath());
