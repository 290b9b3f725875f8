import { applicationRouter } from '../routers/application.ts';
import { auditRouter } from '../routers/audit.ts';
import { clusterRouter } from '../routers/cluster.ts';
import { modelRouter } from '../routers/model.ts';
import { projectRouter } from '../routers/project.ts';
import { promotionRouter } from '../routers/promotion.ts';
import { rolloutRouter } from '../routers/rollout.ts';
import { routingRouter } from '../routers/routing.ts';
import { serviceRouter } from '../routers/service.ts';
import { tokenRouter } from '../routers/token.ts';
import { userRouter } from '../routers/user.ts';
import { createCallerFactory, router } from './init.ts';

export const appRouter = router({
  user: userRouter,
  project: projectRouter,
  token: tokenRouter,
  audit: auditRouter,
  cluster: clusterRouter,
  application: applicationRouter,
  service: serviceRouter,
  rollout: rolloutRouter,
  model: modelRouter,
  routing: routingRouter,
  promotion: promotionRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
