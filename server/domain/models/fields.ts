import { z } from 'zod';

// A model's name, version and file name become one path component each in every storage
// (<application>/<name>-<version>/<file>), so each must be a safe file-name component.
const component = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is required`)
    .max(max, `${what} must be at most ${max} characters`)
    .refine((v) => !/[/\\\0]/.test(v), `${what} must not contain '/', '\\' or NUL`)
    .refine((v) => !v.includes('..'), `${what} must not contain '..'`)
    .refine((v) => !v.startsWith('.'), `${what} must not start with a dot`)
    // Control characters would make paths unreadable in logs and kubectl output.
    .refine((v) => ![...v].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127), `${what} must not contain control characters`);

export const modelName = component('The model name', 200);
export const modelVersion = component('The version', 100);
export const modelFileName = component('The file name', 255);
export const modelDescription = z.string().trim().max(5000, 'a description is at most 5000 characters');

export const DEFAULT_FILE_NAME = 'model.bin';

/** Where a model's file lives under any storage root, and under the pods' model directory. */
export function modelKey(applicationName: string, model: { name: string; version: string; fileName: string }): string {
  return `${applicationName}/${model.name}-${model.version}/${model.fileName}`;
}
