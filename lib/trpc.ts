'use client';

import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '../server/trpc/root.ts';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** What each procedure returns, for props that carry server-loaded data into client components. */
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** What each procedure takes, for forms that build an input. */
export type RouterInputs = inferRouterInputs<AppRouter>;
