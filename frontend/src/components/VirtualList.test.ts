import { describe, expect, it } from 'vitest';
import { createRawSnippet, tick } from 'svelte';
import { fireEvent, render, screen } from '@testing-library/svelte';
import VirtualList from './VirtualList.svelte';

const items = Array.from({ length: 1000 }, (_, i) => `row ${i}`);
const row = createRawSnippet((item: () => string) => ({ render: () => `<span>${item()}</span>` }));

// jsdom lays nothing out: the viewport is given a height and rows keep the estimate (80 px).
function setup() {
  const { container } = render(VirtualList<string>, { items, key: (s: string) => s, row, label: 'Rows', overscan: 6 });
  const viewport = container.querySelector('.viewport') as HTMLElement;
  Object.defineProperty(viewport, 'clientHeight', { configurable: true, value: 800 });
  window.dispatchEvent(new Event('resize'));
  return viewport;
}

async function scrollTo(viewport: HTMLElement, top: number) {
  viewport.scrollTop = top;
  await fireEvent.scroll(viewport);
  await tick();
}

const shown = () => screen.getAllByRole('listitem').map((li) => li.textContent);

describe('VirtualList', () => {
  it('a jump past the overscan renders only the rows in view; a short scroll, those around too', async () => {
    const viewport = setup();
    await scrollTo(viewport, 80 * 500); // a dragged scrollbar
    const jump = shown();
    expect(jump[0]).toBe('row 500');
    expect(jump.length).toBeLessThanOrEqual(11);

    await scrollTo(viewport, 80 * 501); // one wheel step
    const step = shown();
    expect(step[0]).toBe('row 495');
    expect(step.length).toBeGreaterThan(jump.length + 6);
  });
});
