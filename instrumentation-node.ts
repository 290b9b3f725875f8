import { envOrExit } from './server/env.ts';

// Node.js only (see instrumentation.ts): stop at start with one line per bad variable.
envOrExit();
