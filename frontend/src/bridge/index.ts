// The frontend's one door to Go: typed calls, decoded errors and live events. Nothing outside
// src/bridge imports the generated wailsjs code.
export * from './types';
export { HuddleError, decodeError, messageOf, FALLBACK_MESSAGE, type ErrorCode } from './errors';
export { workspace, inboxApi, threadApi, clientApi, taskApi, syncApi, queueApi, notifyApi, scheduleApi } from './api';
export { onEvent, EVENT_CHANGED, EVENT_SYNC, EVENT_PRESENCE } from './events';
export { quitApp } from './window';
