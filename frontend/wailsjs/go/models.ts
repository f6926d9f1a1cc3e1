export namespace app {
	
	export class ThreadDetail {
	    thread: model.Thread;
	    messages: model.Message[];
	    client: model.Client;
	    tasks: model.Task[];
	    clientTasks: model.Task[];
	
	    static createFrom(source: any = {}) {
	        return new ThreadDetail(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.thread = this.convertValues(source["thread"], model.Thread);
	        this.messages = this.convertValues(source["messages"], model.Message);
	        this.client = this.convertValues(source["client"], model.Client);
	        this.tasks = this.convertValues(source["tasks"], model.Task);
	        this.clientTasks = this.convertValues(source["clientTasks"], model.Task);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class WorkspaceStatus {
	    hasWorkspace: boolean;
	    ready: boolean;
	    workspace: model.Workspace;
	    me: model.Member;
	    teammates: model.Member[];
	
	    static createFrom(source: any = {}) {
	        return new WorkspaceStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.hasWorkspace = source["hasWorkspace"];
	        this.ready = source["ready"];
	        this.workspace = this.convertValues(source["workspace"], model.Workspace);
	        this.me = this.convertValues(source["me"], model.Member);
	        this.teammates = this.convertValues(source["teammates"], model.Member);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace inbox {
	
	export class AnnounceResult {
	    delivered: number;
	
	    static createFrom(source: any = {}) {
	        return new AnnounceResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.delivered = source["delivered"];
	    }
	}
	export class Announcement {
	    id: string;
	    brandId: string;
	    clientIds: string[];
	    body: string;
	    highlight: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Announcement(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.brandId = source["brandId"];
	        this.clientIds = source["clientIds"];
	        this.body = source["body"];
	        this.highlight = source["highlight"];
	    }
	}
	export class BulkCount {
	    changed: number;
	    unchanged: number;
	    skipped: number;
	
	    static createFrom(source: any = {}) {
	        return new BulkCount(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.changed = source["changed"];
	        this.unchanged = source["unchanged"];
	        this.skipped = source["skipped"];
	    }
	}
	export class BulkResult {
	    assigned: string[];
	    skipped: string[];
	
	    static createFrom(source: any = {}) {
	        return new BulkResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assigned = source["assigned"];
	        this.skipped = source["skipped"];
	    }
	}
	export class ClientPatch {
	    name?: string;
	    notes?: string;
	    bot?: boolean;
	    phones?: string[];
	    emails?: string[];
	    tags?: string[];
	
	    static createFrom(source: any = {}) {
	        return new ClientPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.notes = source["notes"];
	        this.bot = source["bot"];
	        this.phones = source["phones"];
	        this.emails = source["emails"];
	        this.tags = source["tags"];
	    }
	}
	export class NewClient {
	    brandId: string;
	    name: string;
	    organisation: boolean;
	    contacts: model.Contact[];
	    phones: string[];
	    emails: string[];
	    tags: string[];
	
	    static createFrom(source: any = {}) {
	        return new NewClient(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.brandId = source["brandId"];
	        this.name = source["name"];
	        this.organisation = source["organisation"];
	        this.contacts = this.convertValues(source["contacts"], model.Contact);
	        this.phones = source["phones"];
	        this.emails = source["emails"];
	        this.tags = source["tags"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace model {
	
	export class Attachment {
	    name: string;
	    type: string;
	    size: number;
	
	    static createFrom(source: any = {}) {
	        return new Attachment(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.type = source["type"];
	        this.size = source["size"];
	    }
	}
	export class Brand {
	    id: string;
	    name: string;
	    color: string;
	
	    static createFrom(source: any = {}) {
	        return new Brand(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.color = source["color"];
	    }
	}
	export class BrandLoad {
	    brandId: string;
	    open: number;
	    unassigned: number;
	    unassignedMore: boolean;
	
	    static createFrom(source: any = {}) {
	        return new BrandLoad(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.brandId = source["brandId"];
	        this.open = source["open"];
	        this.unassigned = source["unassigned"];
	        this.unassignedMore = source["unassignedMore"];
	    }
	}
	export class Contact {
	    id: string;
	    name: string;
	    phone: string;
	    email: string;
	
	    static createFrom(source: any = {}) {
	        return new Contact(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.phone = source["phone"];
	        this.email = source["email"];
	    }
	}
	export class Client {
	    id: string;
	    brandId: string;
	    name: string;
	    organisation: boolean;
	    contacts: Contact[];
	    phones: string[];
	    emails: string[];
	    tags: string[];
	    bot: boolean;
	    notes: string;
	    chatThreadId: string;
	    createdAt: number;
	    deleted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Client(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.brandId = source["brandId"];
	        this.name = source["name"];
	        this.organisation = source["organisation"];
	        this.contacts = this.convertValues(source["contacts"], Contact);
	        this.phones = source["phones"];
	        this.emails = source["emails"];
	        this.tags = source["tags"];
	        this.bot = source["bot"];
	        this.notes = source["notes"];
	        this.chatThreadId = source["chatThreadId"];
	        this.createdAt = source["createdAt"];
	        this.deleted = source["deleted"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ClientHit {
	    id: string;
	    name: string;
	    brandId: string;
	    chatThreadId: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.brandId = source["brandId"];
	        this.chatThreadId = source["chatThreadId"];
	    }
	}
	export class ClientPage {
	    clients: Client[];
	    next: string;
	
	    static createFrom(source: any = {}) {
	        return new ClientPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clients = this.convertValues(source["clients"], Client);
	        this.next = source["next"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ClientQuery {
	    member: string;
	    brandId: string;
	    prefix: string;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ClientQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = source["member"];
	        this.brandId = source["brandId"];
	        this.prefix = source["prefix"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}
	
	export class Count {
	    total: number;
	    unread: number;
	
	    static createFrom(source: any = {}) {
	        return new Count(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.total = source["total"];
	        this.unread = source["unread"];
	    }
	}
	export class Invite {
	    code: string;
	    relay: string[];
	    workspace: string;
	
	    static createFrom(source: any = {}) {
	        return new Invite(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.code = source["code"];
	        this.relay = source["relay"];
	        this.workspace = source["workspace"];
	    }
	}
	export class Label {
	    id: string;
	    name: string;
	    color: string;
	
	    static createFrom(source: any = {}) {
	        return new Label(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.color = source["color"];
	    }
	}
	export class Member {
	    id: string;
	    name: string;
	    handle: string;
	    color: string;
	    role: string;
	    brands: string[];
	    skills: string[];
	    languages: string[];
	    active: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Member(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.handle = source["handle"];
	        this.color = source["color"];
	        this.role = source["role"];
	        this.brands = source["brands"];
	        this.skills = source["skills"];
	        this.languages = source["languages"];
	        this.active = source["active"];
	    }
	}
	export class MemberLoad {
	    memberId: string;
	    assignable: boolean;
	    open: number;
	    unread: number;
	    overdue: number;
	    overdueMore: boolean;
	
	    static createFrom(source: any = {}) {
	        return new MemberLoad(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.memberId = source["memberId"];
	        this.assignable = source["assignable"];
	        this.open = source["open"];
	        this.unread = source["unread"];
	        this.overdue = source["overdue"];
	        this.overdueMore = source["overdueMore"];
	    }
	}
	export class Message {
	    id: string;
	    threadId: string;
	    kind: string;
	    direction: string;
	    authorId: string;
	    body: string;
	    mentions: string[];
	    attachments: Attachment[];
	    createdAt: number;
	    delivery: string;
	    highlight: boolean;
	    event?: string;
	    subject?: string;
	    deleted: boolean;
	    assignee?: string;
	    sendAt?: number;
	    sentAt?: number;
	    cancelledAt?: number;
	    cancelledBy?: string;
	
	    static createFrom(source: any = {}) {
	        return new Message(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.threadId = source["threadId"];
	        this.kind = source["kind"];
	        this.direction = source["direction"];
	        this.authorId = source["authorId"];
	        this.body = source["body"];
	        this.mentions = source["mentions"];
	        this.attachments = this.convertValues(source["attachments"], Attachment);
	        this.createdAt = source["createdAt"];
	        this.delivery = source["delivery"];
	        this.highlight = source["highlight"];
	        this.event = source["event"];
	        this.subject = source["subject"];
	        this.deleted = source["deleted"];
	        this.assignee = source["assignee"];
	        this.sendAt = source["sendAt"];
	        this.sentAt = source["sentAt"];
	        this.cancelledAt = source["cancelledAt"];
	        this.cancelledBy = source["cancelledBy"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Notification {
	    id: string;
	    member: string;
	    kind: string;
	    at: number;
	    actorId: string;
	    threadId: string;
	    messageId: string;
	    taskId: string;
	    brandId: string;
	    clientName: string;
	    title: string;
	    excerpt: string;
	    read: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Notification(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.member = source["member"];
	        this.kind = source["kind"];
	        this.at = source["at"];
	        this.actorId = source["actorId"];
	        this.threadId = source["threadId"];
	        this.messageId = source["messageId"];
	        this.taskId = source["taskId"];
	        this.brandId = source["brandId"];
	        this.clientName = source["clientName"];
	        this.title = source["title"];
	        this.excerpt = source["excerpt"];
	        this.read = source["read"];
	    }
	}
	export class NotificationPage {
	    items: Notification[];
	    next: string;
	    unread: number;
	
	    static createFrom(source: any = {}) {
	        return new NotificationPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.items = this.convertValues(source["items"], Notification);
	        this.next = source["next"];
	        this.unread = source["unread"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class QuietHours {
	    on: boolean;
	    from: string;
	    to: string;
	
	    static createFrom(source: any = {}) {
	        return new QuietHours(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.on = source["on"];
	        this.from = source["from"];
	        this.to = source["to"];
	    }
	}
	export class NotifyPrefs {
	    assigned: boolean;
	    mentions: boolean;
	    messages: boolean;
	    onlyAssigned: boolean;
	    reminders: boolean;
	    sound: boolean;
	    quiet: QuietHours;
	
	    static createFrom(source: any = {}) {
	        return new NotifyPrefs(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.assigned = source["assigned"];
	        this.mentions = source["mentions"];
	        this.messages = source["messages"];
	        this.onlyAssigned = source["onlyAssigned"];
	        this.reminders = source["reminders"];
	        this.sound = source["sound"];
	        this.quiet = this.convertValues(source["quiet"], QuietHours);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Presence {
	    deviceId: string;
	    deviceName: string;
	    memberId: string;
	    state: string;
	    since: number;
	
	    static createFrom(source: any = {}) {
	        return new Presence(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.deviceId = source["deviceId"];
	        this.deviceName = source["deviceName"];
	        this.memberId = source["memberId"];
	        this.state = source["state"];
	        this.since = source["since"];
	    }
	}
	export class Queue {
	    members: MemberLoad[];
	    unassigned: Count;
	    brands: BrandLoad[];
	
	    static createFrom(source: any = {}) {
	        return new Queue(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.members = this.convertValues(source["members"], MemberLoad);
	        this.unassigned = this.convertValues(source["unassigned"], Count);
	        this.brands = this.convertValues(source["brands"], BrandLoad);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	
	export class RelaySetup {
	    trust: string;
	    natsConfig: string;
	    command: string;
	
	    static createFrom(source: any = {}) {
	        return new RelaySetup(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.trust = source["trust"];
	        this.natsConfig = source["natsConfig"];
	        this.command = source["command"];
	    }
	}
	export class Thread {
	    id: string;
	    brandId: string;
	    clientId: string;
	    clientName: string;
	    channel: string;
	    subject: string;
	    clientChat: boolean;
	    status: string;
	    assigneeId: string;
	    labels: string[];
	    participants: Record<string, string>;
	    watchers: string[];
	    followers: string[];
	    mentioned: string[];
	    readBy: Record<string, number>;
	    createdAt: number;
	    deleted: boolean;
	    lastActivityAt: number;
	    lastPreview: string;
	    lastAuthorId: string;
	    lastKind: string;
	    messageCount: number;
	
	    static createFrom(source: any = {}) {
	        return new Thread(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.brandId = source["brandId"];
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.channel = source["channel"];
	        this.subject = source["subject"];
	        this.clientChat = source["clientChat"];
	        this.status = source["status"];
	        this.assigneeId = source["assigneeId"];
	        this.labels = source["labels"];
	        this.participants = source["participants"];
	        this.watchers = source["watchers"];
	        this.followers = source["followers"];
	        this.mentioned = source["mentioned"];
	        this.readBy = source["readBy"];
	        this.createdAt = source["createdAt"];
	        this.deleted = source["deleted"];
	        this.lastActivityAt = source["lastActivityAt"];
	        this.lastPreview = source["lastPreview"];
	        this.lastAuthorId = source["lastAuthorId"];
	        this.lastKind = source["lastKind"];
	        this.messageCount = source["messageCount"];
	    }
	}
	export class ScheduledReply {
	    message: Message;
	    thread: Thread;
	
	    static createFrom(source: any = {}) {
	        return new ScheduledReply(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.message = this.convertValues(source["message"], Message);
	        this.thread = this.convertValues(source["thread"], Thread);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ThreadHit {
	    threadId: string;
	    clientId: string;
	    clientName: string;
	    brandId: string;
	    channel: string;
	    subject: string;
	    messageId: string;
	    kind: string;
	    snippet: string;
	    createdAt: number;
	
	    static createFrom(source: any = {}) {
	        return new ThreadHit(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.threadId = source["threadId"];
	        this.clientId = source["clientId"];
	        this.clientName = source["clientName"];
	        this.brandId = source["brandId"];
	        this.channel = source["channel"];
	        this.subject = source["subject"];
	        this.messageId = source["messageId"];
	        this.kind = source["kind"];
	        this.snippet = source["snippet"];
	        this.createdAt = source["createdAt"];
	    }
	}
	export class SearchResult {
	    clients: ClientHit[];
	    threads: ThreadHit[];
	
	    static createFrom(source: any = {}) {
	        return new SearchResult(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.clients = this.convertValues(source["clients"], ClientHit);
	        this.threads = this.convertValues(source["threads"], ThreadHit);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Snippet {
	    id: string;
	    shortcut: string;
	    body: string;
	
	    static createFrom(source: any = {}) {
	        return new Snippet(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.shortcut = source["shortcut"];
	        this.body = source["body"];
	    }
	}
	export class SyncProgress {
	    done: number;
	    total: number;
	
	    static createFrom(source: any = {}) {
	        return new SyncProgress(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.done = source["done"];
	        this.total = source["total"];
	    }
	}
	export class SyncStatus {
	    state: string;
	    workspace: string;
	    relay: string;
	    hosting: boolean;
	    waiting: number;
	    lastSynced: number;
	    catchUp?: SyncProgress;
	    problem: string;
	    quarantined: number;
	    parked: number;
	
	    static createFrom(source: any = {}) {
	        return new SyncStatus(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.state = source["state"];
	        this.workspace = source["workspace"];
	        this.relay = source["relay"];
	        this.hosting = source["hosting"];
	        this.waiting = source["waiting"];
	        this.lastSynced = source["lastSynced"];
	        this.catchUp = this.convertValues(source["catchUp"], SyncProgress);
	        this.problem = source["problem"];
	        this.quarantined = source["quarantined"];
	        this.parked = source["parked"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class Task {
	    id: string;
	    title: string;
	    notes: string;
	    assigneeId: string;
	    dueAt: number;
	    remindAt: number;
	    done: boolean;
	    doneBy: string;
	    doneAt: number;
	    threadId: string;
	    clientId: string;
	    brandId: string;
	    createdBy: string;
	    createdAt: number;
	    deleted: boolean;
	
	    static createFrom(source: any = {}) {
	        return new Task(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.title = source["title"];
	        this.notes = source["notes"];
	        this.assigneeId = source["assigneeId"];
	        this.dueAt = source["dueAt"];
	        this.remindAt = source["remindAt"];
	        this.done = source["done"];
	        this.doneBy = source["doneBy"];
	        this.doneAt = source["doneAt"];
	        this.threadId = source["threadId"];
	        this.clientId = source["clientId"];
	        this.brandId = source["brandId"];
	        this.createdBy = source["createdBy"];
	        this.createdAt = source["createdAt"];
	        this.deleted = source["deleted"];
	    }
	}
	export class TaskPage {
	    tasks: Task[];
	    next: string;
	
	    static createFrom(source: any = {}) {
	        return new TaskPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.tasks = this.convertValues(source["tasks"], Task);
	        this.next = source["next"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class TaskQuery {
	    member: string;
	    assigneeId: string;
	    threadId: string;
	    clientId: string;
	    done: boolean;
	    dueBefore: number;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new TaskQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = source["member"];
	        this.assigneeId = source["assigneeId"];
	        this.threadId = source["threadId"];
	        this.clientId = source["clientId"];
	        this.done = source["done"];
	        this.dueBefore = source["dueBefore"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}
	
	
	export class ThreadPage {
	    threads: Thread[];
	    next: string;
	
	    static createFrom(source: any = {}) {
	        return new ThreadPage(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.threads = this.convertValues(source["threads"], Thread);
	        this.next = source["next"];
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}
	export class ThreadQuery {
	    member: string;
	    view: string;
	    brandId: string;
	    assigneeId: string;
	    assigned: string;
	    label: string;
	    channel: string;
	    clientId: string;
	    clientTag: string;
	    cursor: string;
	    limit: number;
	
	    static createFrom(source: any = {}) {
	        return new ThreadQuery(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.member = source["member"];
	        this.view = source["view"];
	        this.brandId = source["brandId"];
	        this.assigneeId = source["assigneeId"];
	        this.assigned = source["assigned"];
	        this.label = source["label"];
	        this.channel = source["channel"];
	        this.clientId = source["clientId"];
	        this.clientTag = source["clientTag"];
	        this.cursor = source["cursor"];
	        this.limit = source["limit"];
	    }
	}
	export class Workspace {
	    id: string;
	    name: string;
	    createdAt: number;
	    brands: Brand[];
	    members: Member[];
	    labels: Label[];
	    snippets: Snippet[];
	    quiet: QuietHours;
	
	    static createFrom(source: any = {}) {
	        return new Workspace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.id = source["id"];
	        this.name = source["name"];
	        this.createdAt = source["createdAt"];
	        this.brands = this.convertValues(source["brands"], Brand);
	        this.members = this.convertValues(source["members"], Member);
	        this.labels = this.convertValues(source["labels"], Label);
	        this.snippets = this.convertValues(source["snippets"], Snippet);
	        this.quiet = this.convertValues(source["quiet"], QuietHours);
	    }
	
		convertValues(a: any, classs: any, asMap: boolean = false): any {
		    if (!a) {
		        return a;
		    }
		    if (a.slice && a.map) {
		        return (a as any[]).map(elem => this.convertValues(elem, classs));
		    } else if ("object" === typeof a) {
		        if (asMap) {
		            for (const key of Object.keys(a)) {
		                a[key] = new classs(a[key]);
		            }
		            return a;
		        }
		        return new classs(a);
		    }
		    return a;
		}
	}

}

export namespace tasks {
	
	export class NewTask {
	    title: string;
	    notes: string;
	    assigneeId: string;
	    dueAt: number;
	    remindAt: number;
	    threadId: string;
	    clientId: string;
	
	    static createFrom(source: any = {}) {
	        return new NewTask(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.notes = source["notes"];
	        this.assigneeId = source["assigneeId"];
	        this.dueAt = source["dueAt"];
	        this.remindAt = source["remindAt"];
	        this.threadId = source["threadId"];
	        this.clientId = source["clientId"];
	    }
	}
	export class Patch {
	    title?: string;
	    notes?: string;
	    assigneeId?: string;
	    dueAt?: number;
	    remindAt?: number;
	
	    static createFrom(source: any = {}) {
	        return new Patch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.title = source["title"];
	        this.notes = source["notes"];
	        this.assigneeId = source["assigneeId"];
	        this.dueAt = source["dueAt"];
	        this.remindAt = source["remindAt"];
	    }
	}

}

export namespace team {
	
	export class MemberPatch {
	    name?: string;
	    role?: string;
	    brands?: string[];
	
	    static createFrom(source: any = {}) {
	        return new MemberPatch(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.role = source["role"];
	        this.brands = source["brands"];
	    }
	}
	export class NewMember {
	    name: string;
	    handle: string;
	    role: string;
	    brands: string[];
	    color: string;
	
	    static createFrom(source: any = {}) {
	        return new NewMember(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.handle = source["handle"];
	        this.role = source["role"];
	        this.brands = source["brands"];
	        this.color = source["color"];
	    }
	}
	export class NewWorkspace {
	    name: string;
	    ownerName: string;
	    ownerHandle: string;
	    firstBrand: string;
	
	    static createFrom(source: any = {}) {
	        return new NewWorkspace(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.name = source["name"];
	        this.ownerName = source["ownerName"];
	        this.ownerHandle = source["ownerHandle"];
	        this.firstBrand = source["firstBrand"];
	    }
	}
	export class Requeued {
	    threads: number;
	    tasks: number;
	
	    static createFrom(source: any = {}) {
	        return new Requeued(source);
	    }
	
	    constructor(source: any = {}) {
	        if ('string' === typeof source) source = JSON.parse(source);
	        this.threads = source["threads"];
	        this.tasks = source["tasks"];
	    }
	}

}

