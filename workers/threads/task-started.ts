/**
 * A thread says when it starts a task, so that the task's time limit counts the work itself and
 * not the wait for a free thread or a fresh thread's loading of the classifier.
 */
const STARTED = 'adwatchTaskStarted';

/** The message a thread posts (on its parentPort) as it starts the task with this id. */
export function startedMessage(id: number): Record<typeof STARTED, number> {
  return { [STARTED]: id };
}

/** The id of the task a thread's message says it started, if it is such a message. */
export function startedTaskId(message: unknown): number | undefined {
  if (typeof message !== 'object' || message === null || !(STARTED in message)) return undefined;
  const id = (message as Record<typeof STARTED, unknown>)[STARTED];
  return typeof id === 'number' ? id : undefined;
}
