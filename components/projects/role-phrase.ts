/** "an admin", "an editor", "a viewer". */
export function roleWithArticle(role: string): string {
  return `${/^[aeiou]/.test(role) ? 'an' : 'a'} ${role}`;
}
