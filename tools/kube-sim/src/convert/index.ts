import type { KObject } from '../store.ts';
import type { ResourceType } from '../resources.ts';
import { hpaFromV1, hpaToV1 } from './hpa.ts';

// Versions stored once (the preferred one) and converted per request where their schemas differ.
// Versions not listed here differ only in apiVersion (Gateway API, Istio) and are relabelled.

type Conversion = { out: (stored: KObject) => KObject; in: (given: KObject) => KObject };

const CONVERSIONS: Record<string, Conversion> = {
  'horizontalpodautoscalers.autoscaling/v1': { out: hpaToV1, in: hpaFromV1 },
};

/** The stored object as `version` shows it. */
export function toVersion(t: ResourceType, version: string, stored: KObject): KObject | undefined {
  return CONVERSIONS[`${t.key}/${version}`]?.out(stored);
}

/** An object written in `version`, as stored; unchanged when the version needs no conversion. */
export function fromVersion(t: ResourceType, version: string, given: KObject): KObject {
  const c = CONVERSIONS[`${t.key}/${version}`];
  return c ? c.in(given) : given;
}
