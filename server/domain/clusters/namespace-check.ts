import { AppError } from '../../errors.ts';
import { APPLICATION_NAME_MAX } from '../applications/fields.ts';
import { namespaceTemplateProblem } from './namespace-template.ts';

/** Refuses a template that would not render a valid namespace for every level in this project. */
export function checkNamespaceTemplate(template: string, projectName: string): void {
  const problem = namespaceTemplateProblem(template, projectName, 'a'.repeat(APPLICATION_NAME_MAX));
  if (problem) throw new AppError('BAD_REQUEST', `The namespace template ${template}: ${problem}.`, { details: { field: 'namespaceTemplate' } });
}
