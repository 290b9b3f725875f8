import { spawn } from 'node:child_process';
import path from 'node:path';

// The upload route in a process of its own, so a test can sample that process's memory while a
// large file flows through it: the route module's POST, served by node:http with the same
// Request/Response conversion as Next.js (next start) does.

export type UploadServer = {
  url: string;
  /** Resets the peak to the current resident set size and returns it. */
  resetPeak: () => Promise<number>;
  /** The highest resident set size sampled since the last reset, and the current one. */
  peak: () => Promise<{ peak: number; rss: number }>;
  close: () => Promise<void>;
};

export async function startUploadServer(env: Record<string, string>): Promise<UploadServer> {
  const main = path.resolve(import.meta.dirname, 'upload-server-main.ts');
  const child = spawn(process.execPath, [main], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`the upload server exited (${code}):\n${output}`)));
  });
  const rss = async (method: string) => (await (await fetch(`${url}/rss`, { method })).json()) as { peak: number; rss: number };
  return {
    url,
    resetPeak: async () => (await rss('POST')).rss,
    peak: () => rss('GET'),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}
