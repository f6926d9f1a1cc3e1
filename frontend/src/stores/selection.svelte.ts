// Which inbox rows are ticked for a bulk action. Ids only: the rows themselves live in the
// thread table. The thread list clears it whenever the view or the filters change, and drops
// rows a refresh saw leave the list, so a bulk action never reaches rows the person can no
// longer see.

class Selection {
  ids = $state.raw<ReadonlySet<string>>(new Set());
  /** The row last clicked without shift: where a shift-click range starts. */
  #anchor = '';

  get size(): number {
    return this.ids.size;
  }

  has(id: string): boolean {
    return this.ids.has(id);
  }

  /**
   * A click on a row's checkbox. The row flips; with shift, every row from the last clicked
   * one to this one (in `order`, the list as shown) takes this row's new state.
   */
  click(id: string, order: readonly string[], shift: boolean): void {
    const on = !this.ids.has(id);
    const next = new Set(this.ids);
    const from = shift && this.#anchor ? order.indexOf(this.#anchor) : -1;
    const to = order.indexOf(id);
    if (from >= 0 && to >= 0) {
      for (let i = Math.min(from, to); i <= Math.max(from, to); i++) set(next, order[i]!, on);
    } else {
      set(next, id, on);
    }
    this.#anchor = id;
    this.ids = next;
  }

  /** Ticks every row in `ids` (the header checkbox: all loaded rows). */
  selectAll(ids: readonly string[]): void {
    this.ids = new Set(ids);
  }

  /** Unticks the rows not in `ids` (the list after a refresh). */
  retain(ids: readonly string[]): void {
    const keep = new Set(ids);
    if ([...this.ids].every((id) => keep.has(id))) return;
    this.ids = new Set([...this.ids].filter((id) => keep.has(id)));
  }

  clear(): void {
    this.#anchor = '';
    if (this.ids.size) this.ids = new Set();
  }
}

function set(s: Set<string>, id: string, on: boolean): void {
  if (on) s.add(id);
  else s.delete(id);
}

export const selection = new Selection();
