import { describe, expect, it } from 'vitest';
import { ImageFaults, imageId, normalizeImage } from '../src/controllers/images.ts';
import { templateHash, templatesEqual } from '../src/controllers/template.ts';

describe('image faults', () => {
  it('matches the default patterns', () => {
    const f = new ImageFaults();
    expect(f.faultFor('nginx:bad-pull')).toBe('ImagePullBackOff');
    expect(f.faultFor('registry.local/app:err-pull-2')).toBe('ErrImagePull');
    expect(f.faultFor('example/crashloop:1')).toBe('CrashLoopBackOff');
    expect(f.faultFor('nginx:1.27')).toBeUndefined();
  });

  it('takes globs and /regex/ patterns, first match wins, and rejects unknown faults', () => {
    const f = new ImageFaults([
      { pattern: '/^ghcr\\.io\\/.*:v9$/', fault: 'CrashLoopBackOff' },
      { pattern: 'ghcr.io/*', fault: 'ErrImagePull' },
    ]);
    expect(f.faultFor('ghcr.io/x/y:v9')).toBe('CrashLoopBackOff');
    expect(f.faultFor('ghcr.io/x/y:v1')).toBe('ErrImagePull');
    expect(f.faultFor('ghcrXio/x')).toBeUndefined();
    expect(() => f.set([{ pattern: '*', fault: 'Nope' as 'ErrImagePull' }])).toThrow(/unknown image fault/);
  });

  it('normalizes image names as containerd reports them', () => {
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('team/app:1')).toBe('docker.io/team/app:1');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
    expect(imageId('nginx:1')).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
  });
});

describe('pod template hash', () => {
  const t = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'x:1' }] } };
  it('ignores key order and the hash label itself', () => {
    const reordered = { spec: { containers: [{ image: 'x:1', name: 'c' }] }, metadata: { labels: { app: 'a', 'pod-template-hash': 'zzz' } } };
    expect(templateHash(reordered)).toBe(templateHash(t));
    expect(templatesEqual(reordered, t)).toBe(true);
    expect(templateHash(t)).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]+$/);
  });
  it('treats null, {} and [] like absent fields, as Go decoding does (kubectl sends creationTimestamp: null)', () => {
    const fromKubectl = { metadata: { creationTimestamp: null, labels: { app: 'a' }, annotations: {} }, spec: { containers: [{ name: 'c', image: 'x:1', env: [] }] } };
    expect(templatesEqual(fromKubectl, t)).toBe(true);
    expect(templateHash(fromKubectl)).toBe(templateHash(t));
  });
  it('changes with the template and with the collision count', () => {
    const other = { ...t, spec: { containers: [{ name: 'c', image: 'x:2' }] } };
    expect(templateHash(other)).not.toBe(templateHash(t));
    expect(templateHash(t, 1)).not.toBe(templateHash(t));
  });
});
