import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { applications } from '../../../db/schema/applications.ts';
import type { ServiceLevel } from '../../../db/schema/common.ts';
import { services } from '../../../db/schema/services.ts';
import type { Actor } from '../../auth/actor.ts';
import { AppError } from '../../errors.ts';
import { createApplication } from '../applications/create.ts';
import { createService } from '../services/create.ts';
import type { ServiceSpecInput } from '../services/spec.ts';

export const DEMO_APPLICATION = 'iris';
const actor: Actor = { type: 'system', label: 'seed-demo' };

type DemoService = { displayName: string; level: ServiceLevel; description: string; spec: ServiceSpecInput };

/**
 * What a new user should see at once: an A/B pair at staging (two services sharing the level host)
 * and one autoscaled service at production. kube-sim runs any image except its fault patterns
 * (`*:bad-pull*`, `*crashloop*`, …), so these tags only have to be plausible.
 */
export const demoServices: readonly DemoService[] = [
  {
    displayName: 'iris A',
    level: 'staging',
    description: 'The A side of an A/B test: the current model.',
    spec: { image: 'example/iris:1', replicas: 2, cpuRequest: '250m', memoryRequest: '256Mi', env: [{ name: 'VARIANT', value: 'A' }] },
  },
  {
    displayName: 'iris B',
    level: 'staging',
    description: 'The B side of an A/B test: a candidate model behind the same level host.',
    spec: { image: 'example/iris:2', replicas: 2, cpuRequest: '250m', memoryRequest: '256Mi', env: [{ name: 'VARIANT', value: 'B' }] },
  },
  {
    displayName: 'iris',
    level: 'production',
    description: 'Production, scaled by CPU between 2 and 5 replicas.',
    spec: { image: 'example/iris:1', cpuRequest: '500m', memoryRequest: '512Mi', minReplicas: 2, maxReplicas: 5, cpuThreshold: 70 },
  },
];

export type DemoDeployments = { applicationId: number; created: string[]; existing: string[] };

/**
 * Deploys the demo application `iris` on the demo cluster through the same path as a user's
 * `service.create` (a `create` rollout each, carried out by the worker). Idempotent: a demo service
 * (same level and display name) that was ever created is not created again, so restarting the demo
 * finds the same services instead of adding copies, and one the user deleted stays deleted. A start
 * that stopped half-way through seeding completes the rest on the next one.
 */
export async function seedDemoDeployments(db: Db, projectId: number, clusterId: number): Promise<DemoDeployments> {
  const applicationId = await demoApplication(db, projectId);
  const present = await db
    .select({ level: services.level, displayName: services.displayName })
    .from(services)
    .where(eq(services.applicationId, applicationId));
  const has = (wanted: DemoService) => present.some((row) => row.level === wanted.level && row.displayName === wanted.displayName);
  const created: string[] = [];
  const existing: string[] = [];
  for (const wanted of demoServices) {
    if (has(wanted)) {
      existing.push(wanted.displayName);
      continue;
    }
    await createService(db, actor, projectId, {
      applicationId,
      clusterId,
      level: wanted.level,
      displayName: wanted.displayName,
      description: wanted.description,
      spec: wanted.spec,
      reason: 'deployed by npm run demo',
    });
    created.push(wanted.displayName);
  }
  return { applicationId, created, existing };
}

async function demoApplication(db: Db, projectId: number): Promise<number> {
  const find = async () => {
    const [row] = await db
      .select({ id: applications.id })
      .from(applications)
      .where(and(eq(applications.projectId, projectId), eq(applications.name, DEMO_APPLICATION)))
      .limit(1);
    return row?.id;
  };
  const found = await find();
  if (found !== undefined) return found;
  try {
    const { applicationId } = await createApplication(db, actor, {
      projectId,
      name: DEMO_APPLICATION,
      description: 'A sample model service: the iris classifier, with an A/B test at staging.',
      gitUrl: 'https://github.com/drucker/drucker-client.git',
      gitBranch: 'main',
      bootScript: 'start.sh',
    });
    return applicationId;
  } catch (error) {
    // Another demo start created it first.
    const raced = error instanceof AppError && error.code === 'CONFLICT' ? await find() : undefined;
    if (raced === undefined) throw error;
    return raced;
  }
}
