import { z } from 'zod';

// DNS-1123 labels: these names end up in Kubernetes object names, namespaces and hostnames.
export const dnsLabel = (what: string, max = 63) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${what} must be lowercase letters, digits and '-', starting and ending with a letter or digit`);

// Emails are compared byte for byte (users.email is binary): letters outside ASCII are refused
// rather than normalised, since accented and full-width look-alikes of an address are not it.
export const email = z
  .string()
  .trim()
  .max(320, 'an email address has at most 320 characters')
  .regex(/^[\x21-\x7e]*$/, 'use the email address in plain ASCII letters (no accents, no full-width letters)')
  .toLowerCase()
  .pipe(z.email('enter a valid email address'));
export const id = z.number().int().positive();

// DNS-1123 subdomains: dot-separated labels, for ingress hosts, claim and gateway names.
export const dnsSubdomain = (what: string, max = 253) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`)
    .regex(
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
      `${what} must be lowercase DNS labels (letters, digits and '-') separated by dots, like models.example.com`,
    )
    .refine((v) => v.split('.').every((label) => label.length <= 63), `each dot-separated part of ${what} must be at most 63 characters`);

/** Optional text that an update can clear: omitted keeps it, null or an empty string clears it. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    .nullish()
    .transform((v) => (v === '' ? null : v));

/** "a, b and 3 more": refusals name what is in the way without growing without bound. */
export function nameSome(names: string[], max = 5): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
