// graphile-worker crontab (its own format: minute hour day month weekday task ?options).
// `?fill=` would back-fill missed runs; neither task needs it, a missed run is covered by the next.
export const crontab = [
  // The outbox dispatcher, so no accepted change waits longer than a minute after a queue outage.
  '* * * * * dispatch-outbox ?max=1',
  // Cluster health; its own queue, so a sweep slowed by dead clusters never overlaps the next.
  '* * * * * cluster-health ?max=1&queue=cluster-health',
  // Promotion policies; their own queue, so a slow health read never makes two ticks overlap.
  '* * * * * promotion-tick ?max=1&queue=promotion-tick',
  '17 3 * * * housekeeping ?max=1',
].join('\n');
