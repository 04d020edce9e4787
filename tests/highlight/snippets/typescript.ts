// Typed event bus with unsubscribe handles.
import type { Logger } from "./logger";

export interface Event<T = unknown> {
  readonly type: string;
  payload: T;
  at?: Date;
}

type Handler<T> = (event: Event<T>) => void | Promise<void>;

enum Priority {
  Low = 0,
  Normal,
  High = 10,
}

export class EventBus {
  private handlers = new Map<string, Set<Handler<any>>>();

  constructor(private readonly logger?: Logger) {}

  on<T>(type: string, handler: Handler<T>, priority: Priority = Priority.Normal): () => void {
    const set = this.handlers.get(type) ?? new Set();
    set.add(handler);
    this.handlers.set(type, set);
    this.logger?.debug(`subscribed to ${type} with priority ${priority}`);
    return () => set.delete(handler);
  }

  async emit<T>(type: string, payload: T): Promise<number> {
    const set = this.handlers.get(type);
    if (!set) return 0;
    let count = 0;
    for (const h of set) {
      await h({ type, payload, at: new Date() });
      count++;
    }
    return count;
  }
}

const bus = new EventBus();
const off = bus.on<number>("tick", (e) => console.log(e.payload * 2));
bus.emit("tick", 21).then((n: number) => off(), (err: Error) => null);
export default bus as EventBus;
