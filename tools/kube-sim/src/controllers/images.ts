import { createHash } from 'node:crypto';

// Which images "fail", and how the simulated kubelet names images. Patterns are globs (`*`, `?`)
// matched against the whole image reference as written in the pod spec, or regular expressions
// written as `/…/flags`. The defaults let a demo or test provoke each failure by tag alone.

export const IMAGE_FAULTS = ['ImagePullBackOff', 'ErrImagePull', 'CrashLoopBackOff'] as const;
export type ImageFault = (typeof IMAGE_FAULTS)[number];
export type ImageFaultPattern = { pattern: string; fault: ImageFault };

export const DEFAULT_IMAGE_FAULTS: readonly ImageFaultPattern[] = [
  { pattern: '*:bad-pull*', fault: 'ImagePullBackOff' },
  { pattern: '*:err-pull*', fault: 'ErrImagePull' },
  { pattern: '*crashloop*', fault: 'CrashLoopBackOff' },
];

function compile(pattern: string): RegExp {
  const re = /^\/(.*)\/([a-z]*)$/s.exec(pattern);
  if (re) return new RegExp(re[1] ?? '', re[2]);
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export class ImageFaults {
  #patterns: { spec: ImageFaultPattern; re: RegExp }[] = [];

  constructor(patterns: readonly ImageFaultPattern[] = DEFAULT_IMAGE_FAULTS) {
    this.set(patterns);
  }

  /** Replaces the pattern list; throws on an unknown fault or a pattern that does not compile. */
  set(patterns: readonly ImageFaultPattern[]): void {
    const compiled = patterns.map((spec) => {
      if (!IMAGE_FAULTS.includes(spec.fault)) throw new Error(`unknown image fault "${String(spec.fault)}"; use one of ${IMAGE_FAULTS.join(', ')}`);
      if (typeof spec.pattern !== 'string' || spec.pattern === '') throw new Error('each image fault needs a non-empty pattern');
      return { spec: { pattern: spec.pattern, fault: spec.fault }, re: compile(spec.pattern) };
    });
    this.#patterns = compiled;
  }

  list(): ImageFaultPattern[] {
    return this.#patterns.map((p) => ({ ...p.spec }));
  }

  /** The first matching pattern wins, so specific patterns go before broad ones. */
  faultFor(image: string): ImageFault | undefined {
    return this.#patterns.find((p) => p.re.test(image))?.spec.fault;
  }
}

/** `nginx` → `docker.io/library/nginx:latest`, as containerd reports `image` in container statuses. */
export function normalizeImage(image: string): string {
  const [withoutDigest = image, digest] = image.split('@');
  const slash = withoutDigest.indexOf('/');
  const first = slash < 0 ? '' : withoutDigest.slice(0, slash);
  const hasRegistry = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  let name = hasRegistry ? withoutDigest : `docker.io/${slash < 0 ? `library/${withoutDigest}` : withoutDigest}`;
  const lastSegment = name.slice(name.lastIndexOf('/') + 1);
  if (!lastSegment.includes(':') && !digest) name += ':latest';
  return digest ? `${name}@${digest}` : name;
}

/** A stable digest per image, so imageID stays the same across restarts like a real pull. */
export function imageId(image: string): string {
  const normalized = normalizeImage(image);
  const repo = normalized.split('@')[0]?.replace(/:[^:/]+$/, '') ?? normalized;
  return `${repo}@sha256:${createHash('sha256').update(normalized).digest('hex')}`;
}

/** A plausible compressed size in bytes, stable per image, for the Pulled event. */
export function imageSize(image: string): number {
  return 20_000_000 + (createHash('sha256').update(image).digest().readUInt32BE(0) % 180_000_000);
}
