// Arrow-key movement between the enabled items of an open menu or listbox.
export function moveFocus(container: HTMLElement, e: KeyboardEvent, selector = '[role^="option"], [role^="menuitem"]'): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp' && e.key !== 'Home' && e.key !== 'End') return;
  const items = [...container.querySelectorAll<HTMLElement>(selector)].filter(
    (el) => el.getAttribute('aria-disabled') !== 'true' && !(el as HTMLButtonElement).disabled,
  );
  if (!items.length) return;
  e.preventDefault();
  const i = items.indexOf(document.activeElement as HTMLElement);
  const next =
    e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : e.key === 'ArrowDown' ? (i + 1) % items.length : (i - 1 + items.length) % items.length;
  items[next]!.focus();
}
