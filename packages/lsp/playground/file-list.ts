import type { LibraryFile } from './library-files.js';

/**
 * The library as a list to pick from: demo contracts first, then the shared NHS library. Picking
 * a file opens it in the editor; `select` marks the one shown.
 */
export function fileList(
  root: HTMLElement,
  files: readonly LibraryFile[],
  onPick: (path: string) => void,
): { select(path: string): void } {
  const buttons = new Map<string, HTMLButtonElement>();
  const groups: [string, (path: string) => boolean][] = [
    ['Demo contracts', (path) => path.startsWith('demo/')],
    ['NHS library', (path) => !path.startsWith('demo/')],
  ];
  for (const [heading, belongs] of groups) {
    const title = document.createElement('h2');
    title.textContent = heading;
    const list = document.createElement('ul');
    for (const file of files.filter((f) => belongs(f.path))) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = file.path.replace(/^demo\//, '').replace(/\.parity$/, '');
      button.title = file.path;
      button.dataset.path = file.path;
      button.addEventListener('click', () => onPick(file.path));
      buttons.set(file.path, button);
      const item = document.createElement('li');
      item.append(button);
      list.append(item);
    }
    root.append(title, list);
  }
  return {
    select(path) {
      for (const [key, button] of buttons) button.classList.toggle('selected', key === path);
    },
  };
}
