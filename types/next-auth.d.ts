import 'next-auth';
import 'next-auth/jwt';

declare module 'next-auth' {
  interface Session {
    user?: { id: string; email?: string | null; name?: string | null; image?: string | null };
    /** When the person signed in (ms since the epoch); see server/auth/session.ts. */
    authAt?: number;
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    authAt?: number;
  }
}
