import type { DemoFeed, Position, ServiceError } from './position.js';
import { renderPosition } from './render-position.js';

/**
 * Evaluates the open contract against a demo feed chosen from the service's list, and shows the
 * position. The contract is sent as it stands in the editor; the service checks and compiles it
 * with the shared library and runs the engine over the stored demo feeds.
 */
export async function evaluatePanel(
  root: HTMLElement,
  openContract: () => { path: string; source: string },
): Promise<{ fileOpened(path: string): void }> {
  const feedChoice = root.querySelector<HTMLSelectElement>('#feed')!;
  const asOf = root.querySelector<HTMLInputElement>('#as-of')!;
  const button = root.querySelector<HTMLButtonElement>('#evaluate')!;
  const result = root.querySelector<HTMLElement>('#result')!;

  const feeds = await fetchFeeds();
  for (const feed of feeds) {
    const option = document.createElement('option');
    option.value = feed.contract;
    option.textContent = `${feed.title} (${feed.sources.join(', ')}; ${feed.from} to ${feed.to})`;
    feedChoice.append(option);
  }
  if (feeds.length === 0) {
    button.disabled = true;
    show(
      result,
      'message',
      'The service has no demo feeds: start it with PARITY_DEMO=true on an empty database.',
    );
  }

  button.addEventListener('click', async () => {
    button.disabled = true;
    show(result, 'message', 'Evaluating…');
    try {
      const { path, source } = openContract();
      const response = await fetch('/playground/evaluate', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          file: path,
          source,
          feed: feedChoice.value,
          ...(asOf.value ? { asOf: asOf.value } : {}),
        }),
      });
      const body = (await response.json()) as Position | ServiceError;
      result.replaceChildren();
      if (response.ok) result.append(renderPosition(body as Position));
      else show(result, 'error', describe(body as ServiceError));
    } catch (error) {
      show(result, 'error', `The service could not be reached: ${String(error)}`);
    } finally {
      button.disabled = false;
    }
  });

  return {
    fileOpened(path) {
      const feed = feeds.find((f) => f.file === path);
      if (feed) feedChoice.value = feed.contract;
    },
  };
}

async function fetchFeeds(): Promise<DemoFeed[]> {
  try {
    const response = await fetch('/playground/feeds');
    return response.ok ? ((await response.json()) as { feeds: DemoFeed[] }).feeds : [];
  } catch {
    return [];
  }
}

function describe(error: ServiceError): string {
  const diagnostics = Array.isArray(error.details)
    ? (error.details as { line?: number; column?: number; message?: string }[])
        .filter((d) => d.message)
        .slice(0, 5)
        .map((d) => `line ${d.line}:${d.column} ${d.message}`)
    : [];
  return [error.message, ...diagnostics].join('\n');
}

function show(root: HTMLElement, kind: 'message' | 'error', text: string): void {
  const paragraph = document.createElement('p');
  paragraph.className = kind;
  paragraph.textContent = text;
  root.replaceChildren(paragraph);
}
