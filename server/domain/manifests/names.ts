// Provisional (lead's branch): replaced by the engine branch's names.ts at merge.
const label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function serviceK8sName(app: string, level: string, suffix: string): string {
  const name = `${app}-${level}-${suffix}`;
  if (name.length > 63 || !label.test(name)) throw new Error(`invalid service name ${name}`);
  return name;
}

export function namespaceFor(template: string, vars: { level: string; app: string }): string {
  const name = template.replaceAll('{level}', vars.level).replaceAll('{app}', vars.app);
  if (name.length > 63 || !label.test(name)) throw new Error(`the namespace template ${template} gives ${name}, not a DNS-1123 label`);
  return name;
}
