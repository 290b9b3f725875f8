import type { Store } from '../store.ts';
import type { SimClock } from '../clock.ts';
import type { EventRecorder } from './events.ts';
import type { ImageFaults } from './images.ts';

/** Simulated kubelet timings, in simulated seconds; changeable at run time through /_sim/pods. */
export type PodTiming = {
  /** From scheduling to the containers running (pull + create + start). */
  startSeconds: number;
  /** From running to Ready, unless a readinessProbe sets initialDelaySeconds. */
  readySeconds: number;
  /** How long a CrashLoopBackOff container runs before it exits with code 1. */
  crashAfterSeconds: number;
};

export const DEFAULT_POD_TIMING: PodTiming = { startSeconds: 2, readySeconds: 1, crashAfterSeconds: 1 };

/** What every controller shares: the cluster, simulated time, the event recorder and the knobs. */
export type ControllerContext = {
  store: Store;
  clock: SimClock;
  events: EventRecorder;
  timing: PodTiming;
  images: ImageFaults;
  /**
   * Simulated average CPU utilization (percent of request) the HPA controller sees, undefined =
   * exactly on target; `loads` remembers, per HPA, the load that utilization meant when set.
   */
  hpa: { cpuUtilization: number | undefined; loads: Map<string, number> };
  /** Asks for a controller to look at an object again (`resource`, `namespace/name`). */
  enqueue: (resource: string, namespace: string | undefined, name: string) => void;
  /** The same after `simMs` of simulated time (only the earliest pending request per object is kept). */
  requeueAfter: (resource: string, namespace: string | undefined, name: string, simMs: number) => void;
};
