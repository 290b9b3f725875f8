/** Where the sign-in setup saves the admin's session for the other specs. */
export const adminStorageState = 'test-results/.auth/admin.json';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; e2e/global-setup.ts creates the users (run the suite with npm run test:e2e)`);
  return value;
}

/** The people e2e/global-setup.ts created for this run. */
export const users = {
  run: () => required('E2E_RUN'),
  admin: () => ({ email: required('E2E_ADMIN_EMAIL'), password: required('E2E_PASSWORD') }),
  member: () => ({ email: required('E2E_MEMBER_EMAIL'), password: required('E2E_PASSWORD') }),
};
