// Builders for backend data in unit tests: complete objects with overridable fields.
import type {
  Client,
  Member,
  Message,
  Notification,
  Task,
  Thread,
  ThreadDetail,
  Workspace,
  WorkspaceStatus,
} from '../bridge/types';

export function member(p: Partial<Member> & { id: string; name: string }): Member {
  return {
    handle: p.name.split(' ')[0]!.toLowerCase(),
    color: '#4A90C2',
    role: 'agent',
    brands: ['b1'],
    skills: [],
    languages: [],
    active: true,
    ...p,
  };
}

export function thread(p: Partial<Thread> & { id: string }): Thread {
  return {
    brandId: 'b1',
    clientId: 'c1',
    clientName: 'Olivia Smith',
    channel: 'chat',
    subject: '',
    clientChat: true,
    status: 'open',
    assigneeId: '',
    labels: [],
    participants: {},
    watchers: [],
    followers: [],
    mentioned: [],
    readBy: {},
    createdAt: 1_700_000_000_000,
    deleted: false,
    lastActivityAt: 1_700_000_000_000,
    lastPreview: '',
    lastAuthorId: '',
    lastKind: 'message',
    messageCount: 0,
    ...p,
  };
}

export function message(p: Partial<Message> & { id: string }): Message {
  return {
    threadId: 't1',
    kind: 'message',
    direction: 'inbound',
    authorId: '',
    body: 'Hello',
    mentions: [],
    attachments: [],
    createdAt: 1_700_000_000_000,
    delivery: '',
    highlight: false,
    deleted: false,
    ...p,
  };
}

export function client(p: Partial<Client> & { id: string }): Client {
  return {
    brandId: 'b1',
    name: 'Olivia Smith',
    organisation: false,
    contacts: [],
    phones: [],
    emails: [],
    tags: [],
    bot: false,
    notes: '',
    chatThreadId: 't1',
    createdAt: 1_700_000_000_000,
    deleted: false,
    ...p,
  };
}

export function task(p: Partial<Task> & { id: string }): Task {
  return {
    title: 'Call back',
    notes: '',
    assigneeId: '',
    dueAt: 0,
    remindAt: 0,
    done: false,
    doneBy: '',
    doneAt: 0,
    threadId: '',
    clientId: '',
    brandId: 'b1',
    createdBy: 'm1',
    createdAt: 1_700_000_000_000,
    deleted: false,
    ...p,
  };
}

export function notification(p: Partial<Notification> & { id: string }): Notification {
  return {
    member: 'm2',
    kind: 'mention',
    at: 1_700_000_000_000,
    actorId: 'm1',
    threadId: 't1',
    messageId: 'msg1',
    taskId: '',
    brandId: 'b1',
    clientName: 'Maria Lopez',
    title: '',
    excerpt: 'Can you call her back?',
    read: false,
    ...p,
  };
}

export const camille = member({ id: 'm1', name: 'Camille Laurent', role: 'owner', brands: ['b1'], color: '#E07A5F' });
export const ana = member({ id: 'm2', name: 'Ana Diaz', role: 'agent', brands: ['b1'] });
export const zoe = member({ id: 'm3', name: 'Zoé Martin', role: 'agent', brands: ['b1'] });
export const marcus = member({ id: 'm4', name: 'Marcus Bell', role: 'agent', brands: ['b2'] });
export const tom = member({ id: 'm5', name: 'Tom Hughes', role: 'viewer', brands: ['b1'] });
export const gone = member({ id: 'm6', name: 'Greg Old', role: 'agent', brands: ['b1'], active: false });

export function workspaceOf(members: Member[]): Workspace {
  return {
    id: 'ws',
    name: 'Maison Lumière',
    createdAt: 1_700_000_000_000,
    brands: [
      { id: 'b1', name: 'Riverside', color: '#2A9D8F' },
      { id: 'b2', name: 'Old Town', color: '#8E7CC3' },
    ],
    members,
    labels: [{ id: 'l1', name: 'Booking', color: '#E9A03B' }],
    snippets: [],
    quiet: { on: false, from: '', to: '' },
  };
}

export function status(me: Member, members: Member[] = [camille, ana, zoe, marcus, tom, gone]): WorkspaceStatus {
  return { hasWorkspace: true, ready: true, workspace: workspaceOf(members), me, teammates: [] };
}

export function detail(th: Thread, messages: Message[] = [], tasks: Task[] = [], clientTasks: Task[] = []): ThreadDetail {
  return { thread: th, messages, client: client({ id: th.clientId, name: th.clientName }), tasks, clientTasks };
}

/** A promise with its resolve exposed, to answer requests in a chosen order. */
export function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}
