// The workspace and who is signed in on this device: brands, teammates, labels, snippets.
import {
  workspace as api,
  type Brand,
  type Label,
  type Member,
  type MemberPatch,
  type NewMember,
  type NewWorkspace,
  type Requeued,
  type Snippet,
  type Workspace,
  type WorkspaceStatus,
} from '../bridge';
import { Latest } from './seq';

export type SessionState = 'loading' | 'setup' | 'pick' | 'ready' | 'failed';

class Session {
  state = $state<SessionState>('loading');
  workspace = $state.raw<Workspace | null>(null);
  me = $state.raw<Member | null>(null);
  /** Active teammates to choose from when nobody is signed in on this device. */
  teammates = $state.raw<Member[]>([]);
  /** Bumped whenever a different member signs in, so views can start over. */
  generation = $state(0);

  members = $derived(new Map((this.workspace?.members ?? []).map((m) => [m.id, m])));
  memberIds = $derived((this.workspace?.members ?? []).map((m) => m.id));
  brands = $derived(new Map((this.workspace?.brands ?? []).map((b) => [b.id, b])));
  labels = $derived(new Map((this.workspace?.labels ?? []).map((l) => [l.id, l])));

  #latest = new Latest();

  get meId(): string {
    return this.me?.id ?? '';
  }

  memberList(): Member[] {
    return this.memberIds.map((id) => this.members.get(id)!);
  }

  brandList(): Brand[] {
    return this.workspace?.brands ?? [];
  }

  labelList(): Label[] {
    return this.workspace?.labels ?? [];
  }

  /** Quick replies, typed as /shortcut in the composer; they come with the workspace. */
  snippetList(): Snippet[] {
    return this.workspace?.snippets ?? [];
  }

  member(id: string): Member | undefined {
    return this.members.get(id);
  }

  brandName(id: string): string {
    return this.brands.get(id)?.name ?? '';
  }

  /** Loads the workspace status; the first-run screen shows when nothing is set up. */
  async load(): Promise<void> {
    const seq = this.#latest.begin();
    try {
      const st = await api.status();
      if (this.#latest.isCurrent(seq)) this.#apply(st);
    } catch (e) {
      if (this.#latest.isCurrent(seq) && this.state === 'loading') this.state = 'failed';
      throw e;
    }
  }

  async create(input: NewWorkspace): Promise<void> {
    const st = await api.create(input);
    this.#latest.invalidate();
    this.#apply(st);
  }

  async switchTo(memberId: string): Promise<void> {
    const st = await api.switchMember(memberId);
    this.#latest.invalidate();
    this.#apply(st);
  }

  async addMember(input: NewMember): Promise<Member> {
    const m = await api.addMember(input);
    await this.load();
    return m;
  }

  async addLabel(name: string): Promise<Label> {
    const l = await api.addLabel(name);
    await this.load();
    return l;
  }

  async addBrand(name: string): Promise<Brand> {
    const b = await api.addBrand(name);
    await this.load();
    return b;
  }

  async renameBrand(brandId: string, name: string): Promise<void> {
    await api.renameBrand(brandId, name);
    await this.load();
  }

  /** Renames the workspace: the business name every desk shows. */
  async rename(name: string): Promise<void> {
    await api.rename(name);
    await this.load();
  }

  async deleteLabel(labelId: string): Promise<void> {
    await api.deleteLabel(labelId);
    await this.load();
  }

  async addSnippet(shortcut: string, body: string): Promise<Snippet> {
    const sn = await api.addSnippet(shortcut, body);
    await this.load();
    return sn;
  }

  async deleteSnippet(snippetId: string): Promise<void> {
    await api.deleteSnippet(snippetId);
    await this.load();
  }

  /** Changes a teammate's name, role or locations; says how much of their open work went
   * back to the queue because they can no longer hold it. */
  async updateMember(memberId: string, patch: MemberPatch): Promise<Requeued> {
    return this.#thenReload(api.updateMember(memberId, patch));
  }

  /** Switches a teammate off; says how much of their open work went back to the queue. */
  async deactivate(memberId: string): Promise<Requeued> {
    return this.#thenReload(api.deactivate(memberId));
  }

  async reactivate(memberId: string): Promise<void> {
    await api.reactivate(memberId);
    await this.load();
  }

  /** Reloads after `call` even when it fails: a change that stopped part-way (the member is
   * saved, some work still assigned) still shows. The call's own error wins. */
  async #thenReload<T>(call: Promise<T>): Promise<T> {
    let out: T;
    try {
      out = await call;
    } catch (e) {
      await this.load().catch(() => {});
      throw e;
    }
    await this.load();
    return out;
  }

  #apply(st: WorkspaceStatus): void {
    if (!st.ready) {
      // A workspace with nobody (active) signed in: ask who is at the desk, never first run.
      this.state = st.hasWorkspace ? 'pick' : 'setup';
      this.workspace = st.hasWorkspace ? st.workspace : null;
      this.teammates = st.teammates ?? [];
      this.me = null;
      return;
    }
    const switched = this.me?.id !== st.me.id;
    this.workspace = st.workspace;
    this.me = st.me;
    this.state = 'ready';
    if (switched) this.generation++;
  }
}

export const session = new Session();
