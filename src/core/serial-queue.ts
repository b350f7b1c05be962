/**
 * Runs async tasks one at a time, in arrival order. The SQLite adapter shares one connection, so
 * a query issued while another handler's transaction is open would land inside it: every
 * handler, job and outbox pass goes through this queue.
 */
export class SerialQueue {
  #tail: Promise<unknown> = Promise.resolve();
  #waiting = 0;

  run<T>(task: () => Promise<T>): Promise<T> {
    this.#waiting += 1;
    const counted = () => {
      this.#waiting -= 1;
      return task();
    };
    const result = this.#tail.then(counted, counted);
    this.#tail = result.catch(() => undefined);
    return result;
  }

  /** Tasks queued and not started yet (运行状态). */
  get waiting(): number {
    return this.#waiting;
  }
}
