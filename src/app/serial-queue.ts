/**
 * Runs async tasks one at a time, in arrival order. The SQLite adapter shares one connection, so
 * a query issued while another handler's transaction is open would land inside it: every
 * handler, job and outbox pass goes through this queue.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
