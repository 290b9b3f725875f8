// Container logs, written by the simulated kubelet (controllers) and served by pods/log.

type Stream = { lines: string[]; followers: Set<(line: string) => void> };

// Bounded so a chatty simulated container cannot grow memory without limit.
const MAX_LINES = 5000;

export class LogStore {
  private streams = new Map<string, Stream>();

  private key(namespace: string, pod: string, container: string): string {
    return `${namespace}/${pod}/${container}`;
  }

  private stream(namespace: string, pod: string, container: string): Stream {
    const k = this.key(namespace, pod, container);
    let s = this.streams.get(k);
    if (!s) {
      s = { lines: [], followers: new Set() };
      this.streams.set(k, s);
    }
    return s;
  }

  append(namespace: string, pod: string, container: string, line: string): void {
    const s = this.stream(namespace, pod, container);
    s.lines.push(line);
    if (s.lines.length > MAX_LINES) s.lines.splice(0, s.lines.length - MAX_LINES);
    for (const f of s.followers) f(line);
  }

  read(namespace: string, pod: string, container: string, opts?: { tailLines?: number }): string[] {
    const lines = this.streams.get(this.key(namespace, pod, container))?.lines ?? [];
    const tail = opts?.tailLines;
    return tail !== undefined && tail >= 0 ? lines.slice(Math.max(0, lines.length - tail)) : lines.slice();
  }

  /** Calls `listener` for every line appended from now on; returns the unsubscribe function. */
  follow(namespace: string, pod: string, container: string, listener: (line: string) => void): () => void {
    const s = this.stream(namespace, pod, container);
    s.followers.add(listener);
    return () => s.followers.delete(listener);
  }

  dropPod(namespace: string, pod: string): void {
    const prefix = `${namespace}/${pod}/`;
    for (const k of this.streams.keys()) if (k.startsWith(prefix)) this.streams.delete(k);
  }

  clear(): void {
    this.streams.clear();
  }
}
