import { z } from 'zod';

// DNS-1123 labels: these names end up in Kubernetes object names, namespaces and hostnames.
export const dnsLabel = (what: string, max = 63) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${what} must be lowercase letters, digits and '-', starting and ending with a letter or digit`);

export const email = z.string().trim().toLowerCase().pipe(z.email('enter a valid email address')).pipe(z.string().max(320));
export const id = z.number().int().positive();
