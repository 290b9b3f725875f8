// The replica arithmetic of the deployment controller, free of I/O so it can be tested step by
// step. Mirrors pkg/controller/deployment/util in kube-controller-manager: surge rounds up,
// unavailability rounds down, and when both resolve to zero one pod may be unavailable so the
// rollout can still move.

export type IntOrPercent = number | string | undefined;

/** What the arithmetic needs to know about one ReplicaSet. */
export type RsCounts = {
  name: string;
  /** spec.replicas */
  replicas: number;
  available: number;
  /** creationTimestamp in ms, for oldest-first ordering */
  created: number;
};

export function resolveIntOrPercent(value: IntOrPercent, total: number, roundUp: boolean): number {
  if (value === undefined) return 0;
  if (typeof value === 'number') return value;
  const m = /^(\d+)%$/.exec(value);
  if (!m) {
    const n = Number(value);
    if (Number.isInteger(n)) return n;
    throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage: "${value}"`);
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export function resolveFenceposts(maxSurge: IntOrPercent, maxUnavailable: IntOrPercent, desired: number): { surge: number; unavailable: number } {
  const surge = resolveIntOrPercent(maxSurge, desired, true);
  let unavailable = resolveIntOrPercent(maxUnavailable, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

const sum = (rss: RsCounts[], f: (rs: RsCounts) => number) => rss.reduce((n, rs) => n + f(rs), 0);

/** How many replicas the new ReplicaSet may have now (NewRSNewReplicas). */
export function newRsReplicas(desired: number, surge: number, newRs: RsCounts, all: RsCounts[]): number {
  if (newRs.replicas >= desired) return desired;
  const maxTotal = desired + surge;
  const current = sum(all, (rs) => rs.replicas);
  if (current >= maxTotal) return newRs.replicas;
  const scaleUp = Math.min(maxTotal - current, desired - newRs.replicas);
  return newRs.replicas + scaleUp;
}

/**
 * New sizes for the old ReplicaSets (reconcileOldReplicaSets): first remove old pods that are
 * not available anyway, then scale down available ones while keeping desired - maxUnavailable
 * pods available across all ReplicaSets. Returns the sizes that change, oldest first.
 */
export function scaleDownOld(desired: number, unavailable: number, newRs: RsCounts | undefined, old: RsCounts[]): Map<string, number> {
  const out = new Map<string, number>();
  const oldTotal = sum(old, (rs) => rs.replicas);
  if (oldTotal === 0) return out;
  const all = newRs ? [...old, newRs] : old;
  const allTotal = sum(all, (rs) => rs.replicas);
  const minAvailable = desired - unavailable;
  const newUnavailable = newRs ? newRs.replicas - newRs.available : 0;
  const maxScaledDown = allTotal - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return out;

  const sizes = new Map(old.map((rs) => [rs.name, rs.replicas]));
  const byAge = [...old].sort((a, b) => a.created - b.created || a.name.localeCompare(b.name));
  // Unhealthy replicas cost no availability, so they go first.
  let cleaned = 0;
  for (const rs of byAge) {
    if (cleaned >= maxScaledDown) break;
    const size = sizes.get(rs.name) ?? 0;
    if (size === 0) continue;
    const unhealthy = size - rs.available;
    if (unhealthy <= 0) continue;
    const down = Math.min(unhealthy, maxScaledDown - cleaned);
    sizes.set(rs.name, size - down);
    cleaned += down;
  }

  // Then available ones, as long as minAvailable stays available (not capped by maxScaledDown:
  // removing an available pod above minAvailable is always safe).
  const available = sum(all, (rs) => Math.min(rs.available, sizes.get(rs.name) ?? rs.replicas));
  if (available > minAvailable) {
    let remaining = available - minAvailable;
    for (const rs of byAge) {
      if (remaining <= 0) break;
      const size = sizes.get(rs.name) ?? 0;
      if (size === 0) continue;
      const down = Math.min(size, remaining);
      sizes.set(rs.name, size - down);
      remaining -= down;
    }
  }
  for (const rs of old) {
    const size = sizes.get(rs.name) ?? rs.replicas;
    if (size !== rs.replicas) out.set(rs.name, size);
  }
  return out;
}

/**
 * Proportional scaling (DeploymentController.scale) when spec.replicas changes in the middle of a
 * rollout: spread the change over the active ReplicaSets by their share of the previous size
 * (recorded in their max-replicas annotation), leftovers to the largest.
 */
export function proportionalSizes(
  desired: number,
  surge: number,
  active: (RsCounts & { annotatedMax: number | undefined })[],
  statusReplicas: number,
): Map<string, number> {
  const out = new Map<string, number>();
  const allowed = desired > 0 ? desired + surge : 0;
  const toAdd = allowed - sum(active, (rs) => rs.replicas);
  // Largest first; on ties newer first when growing, older first when shrinking.
  const sorted = [...active].sort((a, b) => b.replicas - a.replicas || (toAdd > 0 ? b.created - a.created : a.created - b.created));
  const fraction = (rs: (typeof active)[number]): number => {
    if (desired === 0) return -rs.replicas;
    const before = rs.annotatedMax || statusReplicas;
    if (before === 0) return 0;
    return Math.round((rs.replicas * allowed) / before) - rs.replicas;
  };
  let added = 0;
  for (const rs of sorted) {
    let size = rs.replicas;
    if (toAdd !== 0) {
      const left = toAdd - added;
      const proportion = left === 0 || rs.replicas === 0 ? 0 : toAdd > 0 ? Math.min(fraction(rs), left) : Math.max(fraction(rs), left);
      size += proportion;
      added += proportion;
    }
    out.set(rs.name, size);
  }
  const first = sorted[0];
  if (first && toAdd !== 0) out.set(first.name, Math.max(0, (out.get(first.name) ?? 0) + toAdd - added));
  return out;
}
