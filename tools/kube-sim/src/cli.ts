import { parseArgs } from 'node:util';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { startKubeSim } from './index.ts';

// `npm run kube-sim -- --port 6443 [--speed N] [--tls|--no-tls] [--kubeconfig PATH] [--token T] [--state-file PATH]`

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '6443' },
    host: { type: 'string', default: '127.0.0.1' },
    speed: { type: 'string', default: '1' },
    tls: { type: 'boolean', default: true },
    'no-tls': { type: 'boolean', default: false },
    kubeconfig: { type: 'string' },
    token: { type: 'string' },
    'state-file': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
  strict: true,
});

if (values.help) {
  console.log('usage: npm run kube-sim -- [--port 6443] [--host 127.0.0.1] [--speed 1] [--tls|--no-tls] [--kubeconfig PATH] [--token T] [--state-file PATH]');
  process.exit(0);
}

const port = Number(values.port);
const speed = Number(values.speed);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`kube-sim: --port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
if (!Number.isFinite(speed) || speed <= 0) {
  console.error(`kube-sim: --speed must be a positive number, got ${values.speed}`);
  process.exit(2);
}
const kubeconfigPath = values.kubeconfig ?? join(homedir(), '.kube', 'kube-sim.yaml');

const sim = await startKubeSim({ port, host: values.host, speed, tls: values.tls && !values['no-tls'], token: values.token, kubeconfigPath, stateFile: values['state-file'] });
console.log(`kube-sim listening on ${sim.url} (speed ${speed}x)`);
console.log(`kubeconfig written to ${kubeconfigPath}`);
if (values['state-file']) console.log(`state kept in ${values['state-file']}`);
console.log(`  KUBECONFIG=${kubeconfigPath} kubectl get namespaces`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`kube-sim: ${signal}, shutting down`);
  await sim.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
