import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * A small stand-in for `@lit/task`'s `Task`, with the part of its API the elements use (same names and
 * status values, so code written for `Task` reads the same). It weighs a third of `@lit/task` in the bundle
 * (issue 9's size budget), and it also does what each element used to write around `Task`: a run that a
 * disconnect aborted starts again when the element is connected again.
 *
 * - In each host update (after `willUpdate`, before `render`), while `autoRun` is true, `args()` is compared
 *   item by item with the previous args; when they differ, `task(args, {signal})` runs.
 * - A new run (or `run()`, or a disconnect) aborts the pending one through its `signal`; only the latest
 *   run's outcome is kept.
 * - A task that returns `initialState` puts the loader back to `INITIAL` (nothing to load).
 * - Every change of `status` requests a host update.
 */

/** What a task returns when there is nothing to load: the loader goes back to `TaskStatus.INITIAL`. */
export const initialState: unique symbol = Symbol();

/** The loader's states (the values of `@lit/task`'s `TaskStatus`; a const enum, so the bundle holds plain numbers). */
export const enum TaskStatus {
  INITIAL,
  PENDING,
  COMPLETE,
  ERROR,
}

export interface LoaderConfig<A extends readonly unknown[], R> {
  /** The inputs of the task; it runs again when one of them changes (`!==`). */
  args: () => A;
  task: (args: A, options: { signal: AbortSignal }) => Promise<R | typeof initialState>;
  /** Called with the value of a run that completed (and is still the latest). */
  onComplete?: (value: R) => void;
  /** Called with the error of a run that failed (and is still the latest), aborts included. */
  onError?: (error: unknown) => void;
}

export class Loader<A extends readonly unknown[], R> implements ReactiveController {
  status: TaskStatus = TaskStatus.INITIAL;
  /** The value of the last completed run. */
  declare value: R | undefined;
  /** The error of the last failed run (`undefined` after a success). */
  declare error: unknown;
  /** Whether the task runs by itself when its args change. */
  autoRun = true;

  #host: ReactiveControllerHost;
  #config: LoaderConfig<A, R>;
  #args: A | undefined;
  #abort: AbortController | undefined;
  #resume?: boolean;

  constructor(host: ReactiveControllerHost, config: LoaderConfig<A, R>) {
    (this.#host = host).addController(this);
    this.#config = config;
  }

  hostUpdate(): void {
    const args = this.#config.args();
    const prev = this.#args;
    if (this.autoRun && (!prev || args.some((arg, i) => arg !== prev[i]))) void this.run(args);
  }

  hostConnected(): void {
    if (this.#resume) void this.run();
    this.#resume = false;
  }

  hostDisconnected(): void {
    // A run cut short by a disconnect starts again on reconnect.
    this.#resume = this.status == TaskStatus.PENDING;
    this.abort();
  }

  /** Runs the task now (with `args`, by default the current ones), aborting a pending run. */
  async run(args = this.#config.args()): Promise<void> {
    this.#args = args;
    this.abort();
    const abort = (this.#abort = new AbortController());
    this.#set(TaskStatus.PENDING);
    let status: TaskStatus = TaskStatus.COMPLETE;
    let result: R | typeof initialState | undefined;
    let error: unknown;
    try {
      result = await this.#config.task(args, { signal: abort.signal });
    } catch (e) {
      status = TaskStatus.ERROR;
      error = e;
    }
    if (abort != this.#abort) return; // superseded by a newer run
    if (result === initialState) return this.#set(TaskStatus.INITIAL);
    this.value = result as R | undefined;
    this.error = error;
    this.#set(status);
    if (status == TaskStatus.ERROR) this.#config.onError?.(error);
    else this.#config.onComplete?.(result as R);
  }

  /** Aborts the pending run, if any (it ends as an error with the signal's reason). */
  abort(reason?: unknown): void {
    if (this.status == TaskStatus.PENDING) this.#abort?.abort(reason);
  }

  #set(status: TaskStatus): void {
    this.status = status;
    this.#host.requestUpdate();
  }
}
