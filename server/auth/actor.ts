import type { Role } from '../../db/schema/common.ts';

/**
 * Who is acting: a signed-in person, an API token of one project, the scheduler (promotions), or
 * the system itself (the admin CLI, demo seeding). Only people and tokens reach the API.
 */
export type Actor =
  | { type: 'user'; userId: number; label: string }
  | { type: 'token'; tokenId: number; userId: number; projectId: number; role: Role; label: string }
  | { type: 'scheduler' | 'system'; label: string };

export type ApiActor = Extract<Actor, { type: 'user' | 'token' }>;

const rank: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

export function roleAtLeast(role: Role | null | undefined, min: Role): boolean {
  return role != null && rank[role] >= rank[min];
}

export function lowerRole(a: Role, b: Role): Role {
  return rank[a] <= rank[b] ? a : b;
}

/** Columns that record the actor on audit events and rollouts. */
export function actorColumns(actor: Actor) {
  return {
    actorType: actor.type,
    actorUserId: actor.type === 'user' || actor.type === 'token' ? actor.userId : null,
    actorTokenId: actor.type === 'token' ? actor.tokenId : null,
  };
}
