// The module every worker thread of adwatch loads. A thread does not run the tsx hooks that the
// process registered, so, like bin/adwatch.js, it registers them before importing TypeScript.
import { register } from 'tsx/esm/api';

register();
const tasks = await import('./thread.tasks.ts');

export const { classify, extract } = tasks;
