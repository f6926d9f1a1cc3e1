// Short messages in the corner: errors as the backend's plain sentence, confirmations.
import { messageOf } from '../bridge';

export interface Toast {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

const LIFETIME_MS = { error: 8000, info: 4000 };

class Toasts {
  items = $state<Toast[]>([]);
  #next = 0;

  show(kind: Toast['kind'], text: string): number {
    const id = ++this.#next;
    this.items = [...this.items.filter((t) => t.text !== text), { id, kind, text }];
    setTimeout(() => this.dismiss(id), LIFETIME_MS[kind]);
    return id;
  }

  /** Shows the sentence of any error (HuddleError or not). */
  error(e: unknown): void {
    this.show('error', messageOf(e));
  }

  info(text: string): void {
    this.show('info', text);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

export const toasts = new Toasts();
