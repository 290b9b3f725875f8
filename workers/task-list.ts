import type { TaskList } from 'graphile-worker';
import clusterHealth from './tasks/cluster-health.ts';
import dispatchOutbox from './tasks/dispatch-outbox.ts';
import housekeeping from './tasks/housekeeping.ts';
import promotionTick from './tasks/promotion-tick.ts';
import rollout from './tasks/rollout.ts';

// One file per task under tasks/; the name here is the task identifier jobs are added with.
export const taskList: TaskList = {
  'cluster-health': clusterHealth,
  'dispatch-outbox': dispatchOutbox,
  housekeeping,
  'promotion-tick': promotionTick,
  rollout,
};
