import type { z } from 'zod';
import { inspectKubeconfigInput, type kubeconfigContextsOutput } from './fields.ts';
import { readContexts } from './verify.ts';

/**
 * The contexts of a kubeconfig, without saving or contacting anything, so the Add cluster form can
 * offer a choice. Only names and server URLs come back; credentials stay where they were.
 */
export function inspectKubeconfig(raw: z.input<typeof inspectKubeconfigInput>): z.infer<typeof kubeconfigContextsOutput> {
  const { kubeconfig } = inspectKubeconfigInput.parse(raw);
  const parsed = readContexts(kubeconfig);
  return {
    contexts: parsed.contexts.map((c) => ({
      name: c.name,
      cluster: c.cluster,
      server: c.server,
      user: c.user,
      ...(c.namespace ? { namespace: c.namespace } : {}),
      ...(c.problem ? { problem: c.problem } : {}),
    })),
    ...(parsed.currentContext ? { currentContext: parsed.currentContext } : {}),
  };
}
