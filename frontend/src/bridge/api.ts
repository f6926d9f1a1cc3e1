// Typed wrappers over the generated Wails bindings: the only place that calls Go. Every call
// rejects with a HuddleError (see errors.ts), never with the raw JSON string.
import * as WorkspaceService from '../../wailsjs/go/app/WorkspaceService';
import * as InboxService from '../../wailsjs/go/app/InboxService';
import * as ThreadService from '../../wailsjs/go/app/ThreadService';
import * as ClientService from '../../wailsjs/go/app/ClientService';
import * as TaskService from '../../wailsjs/go/app/TaskService';
import * as SyncService from '../../wailsjs/go/app/SyncService';
import * as QueueService from '../../wailsjs/go/app/QueueService';
import * as NotifyService from '../../wailsjs/go/app/NotifyService';
import * as ScheduleService from '../../wailsjs/go/app/ScheduleService';
import { inbox, model, tasks as gtasks, team } from '../../wailsjs/go/models';
import { decodeError } from './errors';
import type {
  Access,
  Announcement,
  AnnounceResult,
  BulkResult,
  BulkCount,
  Channel,
  Client,
  ClientPage,
  ClientPatch,
  ClientQuery,
  Counts,
  Invite,
  Label,
  Member,
  MemberPatch,
  Message,
  NewClient,
  NewMember,
  NewTask,
  NewWorkspace,
  NotificationPage,
  NotifyPrefs,
  Presence,
  Queue,
  QuietHours,
  RelaySetup,
  Requeued,
  ScheduledReply,
  SearchResult,
  Snippet,
  SyncStatus,
  Task,
  TaskPage,
  TaskPatch,
  TaskQuery,
  Thread,
  ThreadDetail,
  ThreadPage,
  ThreadQuery,
  WorkspaceStatus,
  Brand,
} from './types';

async function call<T>(fn: () => Promise<unknown>): Promise<T> {
  try {
    return (await fn()) as T;
  } catch (e) {
    throw decodeError(e);
  }
}

export const workspace = {
  status: () => call<WorkspaceStatus>(() => WorkspaceService.Status()),
  create: (input: NewWorkspace) =>
    call<WorkspaceStatus>(() => WorkspaceService.Create(team.NewWorkspace.createFrom(input))),
  switchMember: (memberId: string) => call<WorkspaceStatus>(() => WorkspaceService.SwitchMember(memberId)),
  addMember: (input: NewMember) => call<Member>(() => WorkspaceService.AddMember(team.NewMember.createFrom(input))),
  updateMember: (memberId: string, patch: MemberPatch) =>
    call<Requeued>(() => WorkspaceService.UpdateMember(memberId, team.MemberPatch.createFrom(patch))),
  deactivate: (memberId: string) => call<Requeued>(() => WorkspaceService.Deactivate(memberId)),
  reactivate: (memberId: string) => call<void>(() => WorkspaceService.Reactivate(memberId)),
  addBrand: (name: string) => call<Brand>(() => WorkspaceService.AddBrand(name)),
  renameBrand: (brandId: string, name: string) => call<void>(() => WorkspaceService.RenameBrand(brandId, name)),
  /** Renames the workspace (the business name in the sidebar); Owners and Admins. */
  rename: (name: string) => call<void>(() => WorkspaceService.Rename(name)),
  addLabel: (name: string, color = '') => call<Label>(() => WorkspaceService.AddLabel(name, color)),
  deleteLabel: (labelId: string) => call<void>(() => WorkspaceService.DeleteLabel(labelId)),
  /** Snippets are read with the workspace (Workspace.snippets); these change them. */
  addSnippet: (shortcut: string, body: string) => call<Snippet>(() => WorkspaceService.AddSnippet(shortcut, body)),
  deleteSnippet: (snippetId: string) => call<void>(() => WorkspaceService.DeleteSnippet(snippetId)),
  frontendReady: (view: string, rows: number) => call<void>(() => WorkspaceService.FrontendReady(view, rows)),
};

export const inboxApi = {
  page: (q: Partial<ThreadQuery>) => call<ThreadPage>(() => InboxService.Page(model.ThreadQuery.createFrom(q))),
  counts: () => call<Counts>(() => InboxService.Counts()),
  /** Open conversations per location the member sees, by location id. */
  brandCounts: () => call<Record<string, number>>(() => InboxService.BrandCounts()),
  /** The client tags the inbox can be filtered by, in order. */
  clientTags: () => call<string[]>(() => InboxService.ClientTags()),
  bulkAssign: (threadIds: string[], assigneeId: string) =>
    call<BulkResult>(() => InboxService.BulkAssign(threadIds, assigneeId)),
  bulkUnassign: (threadIds: string[]) => call<BulkCount>(() => InboxService.BulkUnassign(threadIds)),
  bulkAddLabel: (threadIds: string[], labelId: string) =>
    call<BulkCount>(() => InboxService.BulkAddLabel(threadIds, labelId)),
  bulkResolve: (threadIds: string[]) => call<BulkCount>(() => InboxService.BulkResolve(threadIds)),
  /** Clients and conversations whose words match; the last word matches as a prefix. */
  search: (text: string, limit = 0) => call<SearchResult>(() => InboxService.Search(text, limit)),
  /**
   * Writes one announcement into every chosen client's chat. Send a retry with the same id:
   * clients who already have it are not sent it twice.
   */
  announce: (a: Announcement) => call<AnnounceResult>(() => InboxService.Announce(inbox.Announcement.createFrom(a))),
};

export const threadApi = {
  open: (threadId: string) => call<ThreadDetail>(() => ThreadService.Open(threadId)),
  start: (clientId: string, channel: Channel, subject: string) =>
    call<Thread>(() => ThreadService.Start(clientId, channel, subject)),
  reply: (threadId: string, body: string) => call<Message>(() => ThreadService.Reply(threadId, body)),
  note: (threadId: string, body: string) => call<Message>(() => ThreadService.Note(threadId, body)),
  logInbound: (threadId: string, body: string) => call<Message>(() => ThreadService.LogInbound(threadId, body)),
  assign: (threadId: string, assigneeId: string) => call<void>(() => ThreadService.Assign(threadId, assigneeId)),
  resolve: (threadId: string) => call<void>(() => ThreadService.Resolve(threadId)),
  reopen: (threadId: string) => call<void>(() => ThreadService.Reopen(threadId)),
  setLabel: (threadId: string, labelId: string, on: boolean) =>
    call<void>(() => ThreadService.SetLabel(threadId, labelId, on)),
  follow: (threadId: string, on: boolean) => call<void>(() => ThreadService.Follow(threadId, on)),
  setParticipant: (threadId: string, memberId: string, access: Access) =>
    call<void>(() => ThreadService.SetParticipant(threadId, memberId, access)),
  removeParticipant: (threadId: string, memberId: string) =>
    call<void>(() => ThreadService.RemoveParticipant(threadId, memberId)),
  setWatcher: (threadId: string, memberId: string, on: boolean) =>
    call<void>(() => ThreadService.SetWatcher(threadId, memberId, on)),
  remove: (threadId: string) => call<void>(() => ThreadService.Delete(threadId)),
};

export const clientApi = {
  create: (input: NewClient) => call<Client>(() => ClientService.Create(inbox.NewClient.createFrom(input))),
  update: (clientId: string, patch: ClientPatch) =>
    call<void>(() => ClientService.Update(clientId, inbox.ClientPatch.createFrom(patch))),
  remove: (clientId: string) => call<void>(() => ClientService.Delete(clientId)),
  get: (clientId: string) => call<Client>(() => ClientService.Get(clientId)),
  list: (q: Partial<ClientQuery>) => call<ClientPage>(() => ClientService.List(model.ClientQuery.createFrom(q))),
};

export const taskApi = {
  create: (input: NewTask) => call<Task>(() => TaskService.Create(gtasks.NewTask.createFrom(input))),
  update: (taskId: string, patch: TaskPatch) =>
    call<Task>(() => TaskService.Update(taskId, gtasks.Patch.createFrom(patch))),
  setDone: (taskId: string, done: boolean) => call<Task>(() => TaskService.SetDone(taskId, done)),
  remove: (taskId: string) => call<void>(() => TaskService.Delete(taskId)),
  list: (q: Partial<TaskQuery>) => call<TaskPage>(() => TaskService.List(model.TaskQuery.createFrom(q))),
  /** Moves the task's reminder to `minutes` from now. */
  snooze: (taskId: string, minutes: number) => call<Task>(() => TaskService.Snooze(taskId, minutes)),
};

export const syncApi = {
  status: () => call<SyncStatus>(() => SyncService.Status()),
  online: () => call<Presence[]>(() => SyncService.Online()),
  /** An invite code for one new device; Owners and Admins only. */
  invite: (deviceName: string) => call<Invite>(() => SyncService.Invite(deviceName)),
  /** What it takes to run the relay elsewhere; the Owner only. */
  relaySetup: () => call<RelaySetup>(() => SyncService.RelaySetup()),
  /** Points this device at another relay; creds is a NATS .creds file's text, '' keeps the current ones. */
  useRelay: (url: string, creds: string) => call<void>(() => SyncService.UseRelay(url, creds)),
  /** Joins the workspace an invite code names, on a device that has none yet. */
  join: (code: string) => call<void>(() => SyncService.Join(code)),
  setAway: (away: boolean) => call<void>(() => SyncService.SetAway(away)),
};

export const queueApi = {
  /** The team's workload (Team queue page); Owners and Admins only. */
  load: () => call<Queue>(() => QueueService.Load()),
};

export const notifyApi = {
  /** One page of the signed-in member's notifications, newest first; before '' for the newest. */
  list: (before: string, limit: number) => call<NotificationPage>(() => NotifyService.List(before, limit)),
  markRead: (ids: string[]) => call<void>(() => NotifyService.MarkRead(ids)),
  markAllRead: () => call<void>(() => NotifyService.MarkAllRead()),
  prefs: () => call<NotifyPrefs>(() => NotifyService.Prefs()),
  setPrefs: (p: NotifyPrefs) => call<void>(() => NotifyService.SetPrefs(model.NotifyPrefs.createFrom(p))),
  /** The workspace's quiet hours: no notifications, and scheduled messages wait. */
  workspaceQuiet: () => call<QuietHours>(() => NotifyService.WorkspaceQuiet()),
  /** Owners and Admins only. */
  setWorkspaceQuiet: (q: QuietHours) =>
    call<void>(() => NotifyService.SetWorkspaceQuiet(model.QuietHours.createFrom(q))),
};

export const scheduleApi = {
  /** Writes a reply to the client that goes at sendAt (unix ms, 1 minute to 1 year ahead). */
  schedule: (threadId: string, body: string, sendAt: number) =>
    call<Message>(() => ScheduleService.Schedule(threadId, body, sendAt)),
  /** The scheduled replies waiting to go that the signed-in member can see, soonest first. */
  list: () => call<ScheduledReply[]>(() => ScheduleService.List()),
  /** Changes the text and send time; the author or an Owner or Admin, until it goes. */
  edit: (threadId: string, messageId: string, body: string, sendAt: number) =>
    call<Message>(() => ScheduleService.Edit(threadId, messageId, body, sendAt)),
  /** Sends it at once; needs the relay (or no relay at all) to make sure it goes only once. */
  sendNow: (threadId: string, messageId: string) => call<Message>(() => ScheduleService.SendNow(threadId, messageId)),
  /** Cancels it; it stays in the conversation as a cancelled line. */
  cancel: (threadId: string, messageId: string) => call<void>(() => ScheduleService.Cancel(threadId, messageId)),
};
