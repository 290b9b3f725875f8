// Simulated time for the controllers. Rollouts that take minutes on a real cluster (start delays,
// minReadySeconds, a 600 s progress deadline, crash back-offs) must finish in milliseconds in
// tests, yet keep their relative order; so every delay is expressed in simulated milliseconds and
// mapped to real time by the speed factor, and tests can also jump ahead with advance().

type Timer = { due: number; seq: number; fn: () => void };

export type ClockState = { now: string; nowMs: number; speed: number; pendingTimers: number };

export class SimClock {
  #speed: number;
  // Simulated time at the last rebase, and the real time it was taken at.
  #simBase: number;
  #realBase: number;
  #timers: Timer[] = [];
  #seq = 0;
  #handle: NodeJS.Timeout | undefined;
  #firing = false;
  // While a timer callback runs, "now" is the moment it was due: a callback that sets another
  // timer then schedules it relative to its own time, so advance() replays chains of timers
  // (pull → start → ready) exactly as they would have unfolded in real time.
  #firingAt: number | undefined;
  #stopped = false;

  constructor(opts: { speed: number }) {
    SimClock.#checkSpeed(opts.speed);
    this.#speed = opts.speed;
    // Start at the real wall clock so timestamps look like a real cluster's.
    this.#realBase = Date.now();
    this.#simBase = this.#realBase;
  }

  static #checkSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed <= 0) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  }

  get speed(): number {
    return this.#speed;
  }

  now(): number {
    if (this.#firingAt !== undefined) return this.#firingAt;
    return this.#simBase + (Date.now() - this.#realBase) * this.#speed;
  }

  /** RFC 3339 with second precision, as the apiserver serialises metav1.Time. */
  nowISO(): string {
    return new Date(Math.floor(this.now() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  state(): ClockState {
    return { now: new Date(this.now()).toISOString(), nowMs: this.now(), speed: this.#speed, pendingTimers: this.#timers.length };
  }

  setSpeed(speed: number): void {
    SimClock.#checkSpeed(speed);
    this.#rebase();
    this.#speed = speed;
    this.#arm();
  }

  /** Jumps simulated time forward and fires, in due order, every timer that became due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`can only advance by a non-negative duration, got ${ms}`);
    this.#rebase();
    this.#simBase += ms;
    this.#fireDue();
  }

  setTimer(simMs: number, fn: () => void): () => void {
    const timer: Timer = { due: this.now() + Math.max(0, simMs), seq: this.#seq++, fn };
    if (this.#stopped) return () => {};
    // Keep the list sorted by (due, seq): timers are few (one per pending pod step), so an
    // insertion is cheaper than maintaining a heap and keeps firing order obvious.
    let i = this.#timers.length;
    while (i > 0) {
      const prev = this.#timers[i - 1];
      if (prev === undefined || prev.due <= timer.due) break;
      i--;
    }
    this.#timers.splice(i, 0, timer);
    if (i === 0) this.#arm();
    return () => {
      const at = this.#timers.indexOf(timer);
      if (at >= 0) {
        this.#timers.splice(at, 1);
        if (at === 0) this.#arm();
      }
    };
  }

  stop(): void {
    this.#stopped = true;
    this.#timers = [];
    if (this.#handle) clearTimeout(this.#handle);
    this.#handle = undefined;
  }

  #realNow(): number {
    return this.#simBase + (Date.now() - this.#realBase) * this.#speed;
  }

  #rebase(): void {
    const real = Date.now();
    this.#simBase += (real - this.#realBase) * this.#speed;
    this.#realBase = real;
  }

  #arm(): void {
    if (this.#handle) clearTimeout(this.#handle);
    this.#handle = undefined;
    if (this.#firing || this.#stopped) return;
    const first = this.#timers[0];
    if (!first) return;
    const realDelay = Math.max(0, (first.due - this.#realNow()) / this.#speed);
    // Unref'd so a forgotten clock never keeps a test process alive.
    this.#handle = setTimeout(() => this.#fireDue(), Math.min(realDelay, 2 ** 31 - 1));
    this.#handle.unref();
  }

  #fireDue(): void {
    if (this.#firing) return;
    this.#firing = true;
    try {
      for (;;) {
        const first = this.#timers[0];
        if (!first || first.due > this.#realNow()) break;
        this.#timers.shift();
        this.#firingAt = first.due;
        try {
          first.fn();
        } catch (err) {
          // A failing callback must not stall every later timer.
          console.error('kube-sim: timer callback failed', err);
        } finally {
          this.#firingAt = undefined;
        }
      }
    } finally {
      this.#firing = false;
      this.#arm();
    }
  }
}
