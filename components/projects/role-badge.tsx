import { Badge, type BadgeTone } from '../ui/badge.tsx';

const tones: Record<string, BadgeTone> = { admin: 'violet', editor: 'blue', viewer: 'neutral' };

export function RoleBadge({ role }: { role: string }) {
  return <Badge tone={tones[role] ?? 'neutral'}>{role}</Badge>;
}
