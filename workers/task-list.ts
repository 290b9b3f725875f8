import type { TaskList } from 'graphile-worker';
import clusterHealth from './tasks/cluster-health.ts';
import dispatchOutbox from './tasks/dispatch-outbox.ts';
import housekeeping from './tasks/housekeeping.ts';
import modelCopy from './tasks/model-copy.ts';
import modelDelete from './tasks/model-delete.ts';
import promotionTick from './tasks/promotion-tick.ts';
import rollout from './tasks/rollout.ts';

// One file per task under tasks/; the name here is the task identifier jobs are added with.
export const taskList: TaskList = {
  'cluster-health': clusterHealth,
  'dispatch-outbox': dispatchOutbox,
  housekeeping,
  'model-copy': modelCopy,
  'model-delete': modelDelete,
  'promotion-tick': promotionTick,
  rollout,
};
