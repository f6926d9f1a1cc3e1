// The app window itself, through the Wails runtime (absent outside the window: then a no-op).
import { Quit } from '../../wailsjs/runtime/runtime';

/** Closes Huddle. */
export function quitApp(): void {
  const w = globalThis as { runtime?: unknown };
  if (w.runtime) Quit();
}
