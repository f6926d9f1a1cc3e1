import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
vi.mock('../bridge/api', () => import('../test/fakeApi'));
import { resetFakes, syncApi } from '../test/fakeApi';
import { IDLE_MS, startAway, watchAway } from './away';

const MIN = 60_000;

// A window and a document reduced to what the module uses: events and the visibility.
function fakePage(visibility: DocumentVisibilityState = 'visible') {
  const win = new EventTarget() as Window;
  const doc = Object.assign(new EventTarget(), { visibilityState: visibility }) as unknown as Document & {
    visibilityState: DocumentVisibilityState;
  };
  const setVisibility = (v: DocumentVisibilityState) => {
    doc.visibilityState = v;
    doc.dispatchEvent(new Event('visibilitychange'));
  };
  return { win, doc, setVisibility, act: (name = 'pointermove') => win.dispatchEvent(new Event(name)) };
}

let stop: () => void = () => {};

beforeEach(() => {
  vi.useFakeTimers();
  resetFakes();
});

afterEach(() => {
  stop();
  vi.useRealTimers();
});

describe('away', () => {
  it('reports away after five minutes without pointer or keyboard, once', () => {
    const report = vi.fn();
    const { win, doc } = fakePage();
    stop = watchAway({ report, win, doc });
    vi.advanceTimersByTime(IDLE_MS - 1);
    expect(report).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(report).toHaveBeenCalledWith(true);
    vi.advanceTimersByTime(30 * MIN);
    expect(report).toHaveBeenCalledTimes(1);
  });

  it('counts the five minutes from the last activity', () => {
    const report = vi.fn();
    const { win, doc, act } = fakePage();
    stop = watchAway({ report, win, doc });
    vi.advanceTimersByTime(4 * MIN);
    act('keydown');
    vi.advanceTimersByTime(4 * MIN);
    expect(report).not.toHaveBeenCalled();
    vi.advanceTimersByTime(MIN);
    expect(report).toHaveBeenCalledWith(true);
  });

  it('reports back on the next activity, and never repeats a state', () => {
    const report = vi.fn();
    const { win, doc, act } = fakePage();
    stop = watchAway({ report, win, doc });
    vi.advanceTimersByTime(IDLE_MS + MIN);
    act();
    act('pointerdown');
    act();
    expect(report.mock.calls).toEqual([[true], [false]]);
    // And away again after another five quiet minutes.
    vi.advanceTimersByTime(IDLE_MS);
    expect(report.mock.calls).toEqual([[true], [false], [true]]);
  });

  it('reports away at once when the window is hidden, back when it shows again', () => {
    const report = vi.fn();
    const { win, doc, setVisibility } = fakePage();
    stop = watchAway({ report, win, doc });
    setVisibility('hidden');
    expect(report.mock.calls).toEqual([[true]]);
    vi.advanceTimersByTime(10_000);
    setVisibility('visible');
    expect(report.mock.calls).toEqual([[true], [false]]);
  });

  it('throttles: a quick hide-show-hide sends one report, and the last state arrives late', () => {
    const report = vi.fn();
    const { win, doc, setVisibility } = fakePage();
    stop = watchAway({ report, win, doc, throttleMs: 2000 });
    setVisibility('hidden');
    setVisibility('visible');
    setVisibility('hidden');
    vi.advanceTimersByTime(5000);
    expect(report.mock.calls).toEqual([[true]]);

    setVisibility('visible'); // more than 2 s later: at once
    expect(report.mock.calls).toEqual([[true], [false]]);
    setVisibility('hidden'); // within 2 s: held back until the interval ends
    expect(report).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2000);
    expect(report.mock.calls).toEqual([[true], [false], [true]]);
  });

  it('starts away when the window opens hidden', () => {
    const report = vi.fn();
    const { win, doc } = fakePage('hidden');
    stop = watchAway({ report, win, doc });
    expect(report).toHaveBeenCalledWith(true);
  });

  it('stops listening when stopped', () => {
    const report = vi.fn();
    const { win, doc, setVisibility } = fakePage();
    watchAway({ report, win, doc })();
    setVisibility('hidden');
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(report).not.toHaveBeenCalled();
  });

  it('startAway reports through SetAway', () => {
    stop = startAway();
    vi.advanceTimersByTime(IDLE_MS);
    expect(syncApi.setAway).toHaveBeenCalledWith(true);
  });
});
