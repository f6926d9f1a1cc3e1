// Tells Go, once, that the first inbox page is on screen: the smoke test and people reading
// the log wait for that line ("inbox rendered").
import { workspace } from '../bridge';

let reported = false;

export function reportFirstRender(view: string, rows: number): void {
  if (reported) return;
  reported = true;
  workspace.frontendReady(view, rows).catch((e) => console.warn('huddle: FrontendReady failed', e));
}
