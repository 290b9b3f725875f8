/** The largest JSON body the API reads (a kubeconfig with many certificates fits with room to spare). */
export const MAX_API_BODY_BYTES = 1024 * 1024;
/** The most calls one batch may carry; the pages' batch link (app/providers.tsx) sends at most this many. */
export const MAX_BATCH_CALLS = 20;
/** The largest body next-auth's endpoints read (sign-in forms and their CSRF token). */
export const MAX_AUTH_BODY_BYTES = 64 * 1024;
