import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT } from '../cli/run-parity.js';
import { findChromium } from './find-chromium.js';

/** The part of the page's `window.parityPlayground` (playground/main.ts) these tests drive. */
interface PlaygroundPosition {
  lineNumber: number;
  column: number;
}
interface PlaygroundEditor {
  getModel(): {
    getLineCount(): number;
    getLineMaxColumn(line: number): number;
    findMatches(...search: unknown[]): { range: { getEndPosition(): PlaygroundPosition } }[];
  } | null;
  setPosition(position: PlaygroundPosition): void;
  focus(): void;
  getValue(): string;
}
declare global {
  interface Window {
    parityPlayground?: { editor: PlaygroundEditor; errors(): string[] };
  }
}

/**
 * The playground in a real browser: `parity serve` with the demo on a loopback port, Debian's
 * Chromium driven by playwright-core. The language server runs in the page's web worker, so the
 * markers and suggestions seen here come from it.
 */

const BIN = join(ROOT, 'packages/cli/bin/parity.js');
const ARTEFACT = join(ROOT, 'tests/artefacts/playground.png');
const CHROMIUM = findChromium();
const NO_CHROMIUM = 'no Chromium found (/usr/bin/chromium or chromium on PATH): apt-get install -y chromium';

if (!CHROMIUM) {
  console.warn(`Browser tests skipped: ${NO_CHROMIUM}`);
  test.skip(`browser tests: ${NO_CHROMIUM}`, () => undefined);
}

describe.skipIf(!CHROMIUM)('the playground in Chromium', () => {
  const folder = mkdtempSync(join(tmpdir(), 'parity-playground-'));
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  const blocked: string[] = [];
  let url: string;

  beforeAll(async () => {
    server = spawn(process.execPath, [BIN, 'serve'], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: `file:${join(folder, 'x.db')}`,
        PARITY_DEMO: 'true',
        LOG_LEVEL: 'silent',
        PORT: '0',
        HOST: '127.0.0.1',
      },
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      server.stdout?.on('data', (chunk) => {
        output += chunk;
        const match = /Parity is serving at (http:\/\/\S+)/.exec(output);
        if (match) resolve(match[1]!);
      });
      server.on('close', (code) => reject(new Error(`parity serve stopped (${code}): ${output}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    const response = await page.goto(`${url}/playground`);
    expect(response?.status(), 'the playground is built (pnpm build)').toBe(200);
    await page.waitForSelector('body[data-server]', { timeout: 60_000 });
    expect(await page.getAttribute('body', 'data-server')).toBe('ready');
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const stopped = new Promise((resolve) => server.once('close', resolve));
      server.kill('SIGTERM');
      await stopped;
    }
    rmSync(folder, { recursive: true, force: true });
  });

  const errors = () => page.evaluate(() => window.parityPlayground?.errors() ?? []);

  test('an error typed into the contract is marked, and the mark goes when it is fixed', async () => {
    await expect.poll(errors).toEqual([]);
    const typo = 'withold nothing';
    await page.evaluate(() => {
      const editor = window.parityPlayground!.editor;
      const last = editor.getModel()!.getLineCount();
      editor.setPosition({ lineNumber: last, column: editor.getModel()!.getLineMaxColumn(last) });
      editor.focus();
    });
    await page.keyboard.press('Enter');
    await page.keyboard.type(typo);
    await expect.poll(errors, { timeout: 20_000 }).not.toEqual([]);
    await page.waitForSelector('.squiggly-error', { timeout: 20_000 });

    for (let i = 0; i <= typo.length; i++) await page.keyboard.press('Backspace');
    await expect.poll(errors, { timeout: 20_000 }).toEqual([]);
    await page.waitForSelector('.squiggly-error', { state: 'detached', timeout: 20_000 });
  });

  test('completion offers the organisations the contract can name', async () => {
    const written = 'BradfordDistrictCare';
    await page.evaluate((name) => {
      const editor = window.parityPlayground!.editor;
      const model = editor.getModel()!;
      const match = model.findMatches(`provider ${name}`, false, false, true, null, false)[0]!;
      editor.setPosition(match.range.getEndPosition());
      editor.focus();
    }, written);
    for (let i = 0; i < 'DistrictCare'.length; i++) await page.keyboard.press('Backspace');
    const row = page.locator('.suggest-widget .monaco-list-row');
    // Under a full test run the page's language server shares two cores with every other suite, and
    // a completion asked while it is still checking the edits may come back empty: ask again until
    // the list shows, for up to a minute.
    await expect
      .poll(
        async () => {
          if ((await row.count()) > 0) return true;
          await page.keyboard.press('Escape');
          await page.keyboard.press('Control+Space');
          await row
            .first()
            .waitFor({ timeout: 5_000 })
            .catch(() => undefined);
          return (await row.count()) > 0;
        },
        { timeout: 60_000, interval: 50 },
      )
      .toBe(true);
    const labels = await row.allTextContents();
    expect(labels.some((label) => label.includes(written))).toBe(true);
    await page.locator('.suggest-widget .monaco-list-row', { hasText: written }).first().click();
    await expect
      .poll(() => page.evaluate(() => window.parityPlayground!.editor.getValue()))
      .toContain(`provider ${written}\n`);
    await expect.poll(errors, { timeout: 20_000 }).toEqual([]);
  }, 120_000);

  test('the open contract is evaluated against a demo feed and the position shows money', async () => {
    await expect.poll(() => page.inputValue('#feed')).toBe('demo.bradford.SmiPhysicalHealthCquin');
    await page.click('#evaluate');
    await page.waitForSelector('#result table', { timeout: 60_000 });
    const result = (await page.textContent('#result')) ?? '';
    expect(result).toContain('SixChecks');
    expect(result).toMatch(/£[0-9]{1,3}(,[0-9]{3})*\.[0-9]{2}/);
    mkdirSync(join(ROOT, 'tests/artefacts'), { recursive: true });
    await page.screenshot({ path: ARTEFACT });
    expect(pageErrors).toEqual([]);
  }, 120_000);

  test('the playground keeps its Content-Security-Policy: nothing it needs is blocked', async () => {
    const response = await page.request.get(`${url}/playground`);
    expect(response.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(blocked).toEqual([]);
  });

  test('the API reference at /docs draws every route from local assets alone, within its policy', async () => {
    const docs = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    const refused: string[] = [];
    docs.on('request', (request) => {
      const host = new URL(request.url()).hostname;
      if (!['127.0.0.1', 'localhost'].includes(host) && !request.url().startsWith('data:'))
        elsewhere.push(request.url());
    });
    docs.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    const response = await docs.goto(`${url}/docs`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['content-security-policy']).toContain("default-src 'self'");
    // The reference has read /openapi.json: the service's title and its groups of routes are drawn.
    await docs.getByText('Is the process up').first().waitFor({ timeout: 60_000 });
    for (const group of ['Contracts', 'Feeds', 'Positions', 'Statements', 'Audit', 'Tokens'])
      await docs.getByText(group, { exact: true }).first().waitFor({ timeout: 10_000 });
    expect(elsewhere).toEqual([]);
    expect(refused).toEqual([]);
    await docs.close();
  }, 120_000);
});
