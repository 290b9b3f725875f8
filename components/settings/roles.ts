import type { SelectOption } from '../ui/select.tsx';

export const roleOptions: SelectOption[] = [
  { value: 'viewer', label: 'viewer', description: 'Reads everything in the project' },
  { value: 'editor', label: 'editor', description: 'Also deploys, switches models, rolls back' },
  { value: 'admin', label: 'admin', description: 'Also manages members, clusters and tokens' },
];

export type RoleName = 'viewer' | 'editor' | 'admin';
export const isRole = (v: string): v is RoleName => v === 'viewer' || v === 'editor' || v === 'admin';
