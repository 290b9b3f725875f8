// Simulated time for the controllers. Rollouts that take minutes on a real cluster (start delays,
// minReadySeconds, a 600 s progress deadline, crash back-offs) must finish in milliseconds in
// tests, yet keep their relative order; so every delay is expressed in simulated milliseconds and
// mapped to real time by the speed factor, and tests can also jump ahead with advance().
//
// Objects are stamped with a second, wall clock: real time plus the explicit advance() jumps, never
// the speed-scaled time, so ages and client deadlines computed from timestamps stay true (at speed
// 10, simulated time is 4 h ahead after 26 min). The controllers measure durations in simulated
// time; where they read a duration back from a timestamp (Ready since, progress deadline), the
// writer notes the simulated instant behind that stamp (note/simOf), and stamps nobody noted are
// mapped through the history of speed changes and jumps (simFromWall).

type Timer = { due: number; seq: number; fn: () => void };

export type ClockState = { now: string; nowMs: number; wallNow: string; wallNowMs: number; speed: number; pendingTimers: number };

/** From `wall` on, simulated time is `sim + (w - wall) * speed`, until the next anchor. */
type Anchor = { wall: number; sim: number; speed: number };

const MAX_ANCHORS = 1000;
const MAX_NOTES = 100_000;

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
  /** Wall clock offset from real time: the sum of advance() jumps. */
  #jumpedMs = 0;
  #anchors: Anchor[] = [];
  #notes = new Map<string, { iso: string; sim: number }>();

  constructor(opts: { speed: number }) {
    SimClock.#checkSpeed(opts.speed);
    this.#speed = opts.speed;
    // Start at the real wall clock so timestamps look like a real cluster's.
    this.#realBase = Date.now();
    this.#simBase = this.#realBase;
    this.#anchor();
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

  /** Real time plus the explicit jumps: what object timestamps say. */
  wallNow(): number {
    return Date.now() + this.#jumpedMs;
  }

  /** The timestamp objects get now: wall clock, RFC 3339 with second precision (metav1.Time). */
  nowISO(): string {
    return new Date(Math.floor(this.wallNow() / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  /** Remembers which simulated instant a timestamp written now stands for (see simOf). */
  note(key: string, iso: string, simMs = this.now()): void {
    this.#notes.delete(key);
    this.#notes.set(key, { iso, sim: simMs });
    if (this.#notes.size > MAX_NOTES) {
      const oldest = this.#notes.keys().next().value;
      if (oldest !== undefined) this.#notes.delete(oldest);
    }
  }

  /** Like note, unless `key` already stands for this very stamp (the first writer of a second wins). */
  noteOnce(key: string, iso: string, simMs = this.now()): void {
    if (this.#notes.get(key)?.iso !== iso) this.note(key, iso, simMs);
  }

  /** The simulated instant behind a timestamp: the noted one when `key` still has this stamp. */
  simOf(key: string, iso: string): number {
    const noted = this.#notes.get(key);
    if (noted && noted.iso === iso) return noted.sim;
    return this.simFromWall(Date.parse(iso));
  }

  /** Maps a wall-clock instant to simulated time through the speed changes and jumps so far. */
  simFromWall(wallMs: number): number {
    const first = this.#anchors[0];
    if (!first) return wallMs;
    if (wallMs < first.wall) return first.sim - (first.wall - wallMs);
    let i = this.#anchors.length - 1;
    while (i > 0 && (this.#anchors[i]?.wall ?? 0) > wallMs) i--;
    const a = this.#anchors[i] ?? first;
    const sim = a.sim + (wallMs - a.wall) * a.speed;
    const next = this.#anchors[i + 1];
    return next ? Math.min(sim, next.sim) : sim;
  }

  state(): ClockState {
    const wall = this.wallNow();
    return { now: new Date(this.now()).toISOString(), nowMs: this.now(), wallNow: new Date(wall).toISOString(), wallNowMs: wall, speed: this.#speed, pendingTimers: this.#timers.length };
  }

  setSpeed(speed: number): void {
    SimClock.#checkSpeed(speed);
    this.#rebase();
    this.#speed = speed;
    this.#anchor();
    this.#arm();
  }

  /** Jumps simulated time forward and fires, in due order, every timer that became due. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`can only advance by a non-negative duration, got ${ms}`);
    this.#rebase();
    this.#simBase += ms;
    // The wall clock jumps too: an explicit jump is the one way timestamps move ahead of real time.
    this.#jumpedMs += ms;
    this.#anchor();
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

  #anchor(): void {
    this.#anchors.push({ wall: this.wallNow(), sim: this.#realNow(), speed: this.#speed });
    if (this.#anchors.length > MAX_ANCHORS) this.#anchors.splice(0, this.#anchors.length - MAX_ANCHORS);
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
