// Plain data types for everything the backend sends and takes. They are derived from the
// generated Wails models so a Go change shows up here as a type error, but they drop the
// generated classes' helper methods: over the wire everything is plain JSON.
import type { app, inbox, model, tasks, team } from '../../wailsjs/go/models';

type Fn = (...args: never[]) => unknown;

/** The data fields of a generated model class, recursively, without its methods. */
export type Data<T> = T extends (infer U)[]
  ? Data<U>[]
  : T extends object
    ? { [K in keyof T as T[K] extends Fn ? never : K]: Data<T[K]> }
    : T;

export type Workspace = Data<model.Workspace>;
export type Brand = Data<model.Brand>;
export type Member = Data<model.Member>;
export type Label = Data<model.Label>;
export type Snippet = Data<model.Snippet>;
export type Client = Data<model.Client>;
export type Contact = Data<model.Contact>;
export type Thread = Data<model.Thread>;
export type Message = Data<model.Message>;
export type Task = Data<model.Task>;
export type ThreadPage = Data<model.ThreadPage>;
export type ClientPage = Data<model.ClientPage>;
export type TaskPage = Data<model.TaskPage>;
export type ThreadQuery = Data<model.ThreadQuery>;
export type ClientQuery = Data<model.ClientQuery>;
export type TaskQuery = Data<model.TaskQuery>;
export type WorkspaceStatus = Data<app.WorkspaceStatus>;
export type ThreadDetail = Data<app.ThreadDetail>;
export type NewWorkspace = Data<team.NewWorkspace>;
export type NewMember = Data<team.NewMember>;
export type MemberPatch = Data<team.MemberPatch>;
export type Requeued = Data<team.Requeued>;
export type NewClient = Data<inbox.NewClient>;
export type ClientPatch = Data<inbox.ClientPatch>;
export type NewTask = Data<tasks.NewTask>;
export type TaskPatch = Data<tasks.Patch>;
export type BulkResult = Data<inbox.BulkResult>;
export type BulkCount = Data<inbox.BulkCount>;
/** One message to many clients' chats (inboxApi.announce); id is made once per compose. */
export type Announcement = Data<inbox.Announcement>;
export type AnnounceResult = Data<inbox.AnnounceResult>;
export type SyncProgress = Data<model.SyncProgress>;
export type Invite = Data<model.Invite>;
export type RelaySetup = Data<model.RelaySetup>;

/** Whether this device exchanges changes with its relay (model.SyncState). */
export const SYNC_STATES = ['off', 'connecting', 'online', 'offline'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** The sync status bar's data; catchUp is null once this device has caught up. */
export type SyncStatus = Omit<Data<model.SyncStatus>, 'state' | 'catchUp'> & {
  state: SyncState;
  catchUp: SyncProgress | null;
};

export type PresenceState = 'online' | 'away';
/** One running device of the workspace and who is at it (model.Presence). */
export type Presence = Omit<Data<model.Presence>, 'state'> & { state: PresenceState };

// Go string enums (internal/model) that the generator leaves as plain strings.
export const VIEWS = ['mine', 'mentioned', 'unassigned', 'all', 'resolved', 'followed'] as const;
export type View = (typeof VIEWS)[number];

export const CHANNELS = [
  'chat',
  'sms',
  'email',
  'call',
  'whatsapp',
  'instagram',
  'messenger',
  'gmb',
  'tiktok',
  'internal',
] as const;
export type Channel = (typeof CHANNELS)[number];

export const ROLES = ['owner', 'admin', 'agent', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Access = 'write' | 'read';

/** Size of an inbox view and how many of its threads are unread. */
export interface Count {
  total: number;
  unread: number;
}
export type Counts = Record<View, Count>;

/** Payload of the `huddle:changed` event (app/events.go). */
export interface Changed {
  threads: string[];
  clients: string[];
  tasks: string[];
  workspace: boolean;
  remote: boolean;
  /** The notification centre may have changed (also sent alone when a reminder comes due). */
  notifications: boolean;
}

// Search (inboxApi.search).
export type SearchResult = Data<model.SearchResult>;
export type ClientHit = Data<model.ClientHit>;
export type ThreadHit = Data<model.ThreadHit>;

// Team queue (queueApi.load): each teammate's load, the unassigned queue, per-brand totals.
export type Queue = Data<model.Queue>;
export type MemberLoad = Data<model.MemberLoad>;
export type BrandLoad = Data<model.BrandLoad>;

// Notifications (notifyApi): the signed-in member's notification centre and preferences.
export const NOTIFY_KINDS = ['assigned', 'mention', 'message', 'participating', 'reminder'] as const;
/** What a notification is about (model.NotifyKind). */
export type NotifyKind = (typeof NOTIFY_KINDS)[number];
/** The unread count stops here (model.MaxUnreadCount): a badge then says "99+". */
export const MAX_UNREAD = 100;

/** One entry of the notification centre (model.Notification); at is unix ms, actorId is ''
 * for a client or a reminder, title is the conversation's subject or the task's title. */
export type Notification = Omit<Data<model.Notification>, 'kind'> & { kind: NotifyKind };
/** One page of notifications, newest first; unread counts every page, capped at MAX_UNREAD. */
export type NotificationPage = Omit<Data<model.NotificationPage>, 'items'> & { items: Notification[] };
/** A daily stretch of local time ("HH:MM"; to before from spans midnight). */
export type QuietHours = Data<model.QuietHours>;
/** What the member wants to be told about outside the app (model.NotifyPrefs). */
export type NotifyPrefs = Data<model.NotifyPrefs>;

// Scheduled replies (scheduleApi). A scheduled reply is an outbound Message with sendAt set:
// delivery "scheduled" while it waits (createdAt == sendAt), then "queued"/"sent"/"failed"
// with sentAt once it went, or "cancelled" with cancelledAt/cancelledBy. sentAt and
// cancelledAt both set: the cancel arrived after it went.
/** A scheduled reply waiting to go, with the conversation it goes to. */
export type ScheduledReply = Data<model.ScheduledReply>;
