// Stand-in for src/bridge/api.ts in unit tests: every call is a vi.fn() that tests program.
// Use with `vi.mock('../bridge/api', () => import('../test/fakeApi'))`; the rest of the
// bridge (types, error decoding) stays real.
import { vi } from 'vitest';
import type {
  Announcement,
  AnnounceResult,
  ClientPage,
  Counts,
  Invite,
  Message,
  NotificationPage,
  NotifyPrefs,
  Presence,
  Queue,
  QuietHours,
  RelaySetup,
  ScheduledReply,
  SearchResult,
  SyncStatus,
  Task,
  TaskPage,
  ThreadDetail,
  ThreadPage,
  WorkspaceStatus,
} from '../bridge/types';

export const workspace = {
  status: vi.fn<() => Promise<WorkspaceStatus>>(),
  create: vi.fn(),
  switchMember: vi.fn(),
  addMember: vi.fn(),
  updateMember: vi.fn(),
  deactivate: vi.fn(),
  reactivate: vi.fn(),
  addBrand: vi.fn(),
  renameBrand: vi.fn(),
  rename: vi.fn(),
  addLabel: vi.fn(),
  deleteLabel: vi.fn(),
  addSnippet: vi.fn(),
  deleteSnippet: vi.fn(),
  frontendReady: vi.fn(async () => {}),
};

export const inboxApi = {
  page: vi.fn<(q: unknown) => Promise<ThreadPage>>(),
  counts: vi.fn<() => Promise<Counts>>(),
  brandCounts: vi.fn<() => Promise<Record<string, number>>>(),
  clientTags: vi.fn<() => Promise<string[]>>(),
  bulkAssign: vi.fn(),
  bulkUnassign: vi.fn(),
  bulkAddLabel: vi.fn(),
  bulkResolve: vi.fn(),
  search: vi.fn<(text: string, limit?: number) => Promise<SearchResult>>(),
  announce: vi.fn<(a: Announcement) => Promise<AnnounceResult>>(),
};

export const threadApi = {
  open: vi.fn<(id: string) => Promise<ThreadDetail>>(),
  start: vi.fn(),
  reply: vi.fn(),
  note: vi.fn(),
  logInbound: vi.fn(),
  assign: vi.fn(),
  resolve: vi.fn(),
  reopen: vi.fn(),
  setLabel: vi.fn(),
  follow: vi.fn(),
  setParticipant: vi.fn(),
  removeParticipant: vi.fn(),
  setWatcher: vi.fn(),
  remove: vi.fn(),
};

export const clientApi = {
  create: vi.fn(),
  update: vi.fn(),
  remove: vi.fn(),
  get: vi.fn(),
  list: vi.fn<(q: unknown) => Promise<ClientPage>>(),
};

export const taskApi = {
  create: vi.fn(),
  update: vi.fn(),
  setDone: vi.fn(),
  remove: vi.fn(),
  list: vi.fn<(q: unknown) => Promise<TaskPage>>(),
  snooze: vi.fn<(taskId: string, minutes: number) => Promise<Task>>(),
};

export const syncApi = {
  status: vi.fn<() => Promise<SyncStatus>>(),
  online: vi.fn<() => Promise<Presence[]>>(),
  invite: vi.fn<(deviceName: string) => Promise<Invite>>(),
  relaySetup: vi.fn<() => Promise<RelaySetup>>(),
  useRelay: vi.fn<(url: string, creds: string) => Promise<void>>(),
  join: vi.fn<(code: string) => Promise<void>>(),
  setAway: vi.fn<(away: boolean) => Promise<void>>(),
};

export const queueApi = {
  load: vi.fn<() => Promise<Queue>>(),
};

export const notifyApi = {
  list: vi.fn<(before: string, limit: number) => Promise<NotificationPage>>(),
  markRead: vi.fn<(ids: string[]) => Promise<void>>(),
  markAllRead: vi.fn<() => Promise<void>>(),
  prefs: vi.fn<() => Promise<NotifyPrefs>>(),
  setPrefs: vi.fn<(p: NotifyPrefs) => Promise<void>>(),
  workspaceQuiet: vi.fn<() => Promise<QuietHours>>(),
  setWorkspaceQuiet: vi.fn<(q: QuietHours) => Promise<void>>(),
};

export const scheduleApi = {
  schedule: vi.fn<(threadId: string, body: string, sendAt: number) => Promise<Message>>(),
  list: vi.fn<() => Promise<ScheduledReply[]>>(),
  edit: vi.fn<(threadId: string, messageId: string, body: string, sendAt: number) => Promise<Message>>(),
  sendNow: vi.fn<(threadId: string, messageId: string) => Promise<Message>>(),
  cancel: vi.fn<(threadId: string, messageId: string) => Promise<void>>(),
};

/** What a member starts with (model.DefaultNotifyPrefs). */
export const DEFAULT_PREFS: NotifyPrefs = {
  assigned: true,
  mentions: true,
  messages: true,
  onlyAssigned: true,
  reminders: true,
  sound: true,
  quiet: { on: false, from: '', to: '' },
};

/** The status of a device where sync is not set up. */
export const SYNC_OFF: SyncStatus = {
  state: 'off',
  workspace: '',
  relay: '',
  hosting: false,
  waiting: 0,
  lastSynced: 0,
  catchUp: null,
  problem: '',
  quarantined: 0,
  parked: 0,
};

/** Forgets every programmed answer and recorded call. */
export function resetFakes(): void {
  for (const group of [workspace, inboxApi, threadApi, clientApi, taskApi, syncApi, queueApi, notifyApi, scheduleApi]) {
    for (const fn of Object.values(group)) (fn as ReturnType<typeof vi.fn>).mockReset();
  }
  workspace.frontendReady.mockImplementation(async () => {});
  inboxApi.brandCounts.mockImplementation(async () => ({}));
  inboxApi.clientTags.mockImplementation(async () => []);
  // Every screen reads the sync status; unless a test says otherwise, sync is off.
  syncApi.status.mockImplementation(async () => SYNC_OFF);
  syncApi.online.mockImplementation(async () => []);
  syncApi.setAway.mockImplementation(async () => {});
  // Every signed-in screen reads the unread count; unless a test says otherwise, there is none.
  notifyApi.list.mockImplementation(async () => ({ items: [], next: '', unread: 0 }));
  notifyApi.prefs.mockImplementation(async () => ({ ...DEFAULT_PREFS, quiet: { ...DEFAULT_PREFS.quiet } }));
  notifyApi.workspaceQuiet.mockImplementation(async () => ({ on: false, from: '', to: '' }));
  // The sidebar counts scheduled replies; unless a test says otherwise, there are none.
  scheduleApi.list.mockImplementation(async () => []);
}
