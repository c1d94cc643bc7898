import type { ImportAccepted, JobDto } from '@bridgepoint/contracts';
import type { Page } from 'playwright-core';
import { generateDemo, type DemoData } from '../../apps/api/src/demo/generate';

/** Three points from three districts, with their delegates. */
export function smallEvent(): DemoData {
  const demo = generateDemo();
  const points: DemoData['points'] = [];
  for (const point of demo.points) {
    if (point.level === 'ward' && !points.some((p) => p.district === point.district)) points.push(point);
    if (points.length === 3) break;
  }
  const codes = new Set(points.map((p) => p.code));
  return { points, delegates: demo.delegates.filter((d) => d.pointCode !== null && codes.has(d.pointCode)) };
}

/** The API as a signed-in user, for setting a scene up without clicking through it. */
export class ApiClient {
  private token = '';
  constructor(private readonly baseUrl: string) {}

  async signIn(username: string, password: string): Promise<void> {
    const { accessToken } = await this.json<{ accessToken: string }>('POST', '/auth/login', { username, password });
    this.token = accessToken;
  }

  async json<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** A file the API sends (a download), as bytes. */
  async bytes(path: string): Promise<Buffer> {
    const response = await fetch(`${this.baseUrl}/api${path}`, { headers: { Authorization: `Bearer ${this.token}` } });
    if (!response.ok) throw new Error(`GET ${path} → ${response.status}: ${await response.text()}`);
    return Buffer.from(await response.arrayBuffer());
  }

  /** Uploads a file, then waits for its import job to complete. */
  async importFile(path: string, name: string, csv: string, conferenceId?: string): Promise<void> {
    const form = new FormData();
    form.append('file', new Blob([csv], { type: 'text/csv' }), name);
    if (conferenceId) form.append('conferenceId', conferenceId);
    const response = await fetch(`${this.baseUrl}/api${path}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}` },
      body: form,
    });
    if (response.status !== 202) throw new Error(`POST ${path} → ${response.status}: ${await response.text()}`);
    const { jobId } = (await response.json()) as ImportAccepted;
    const deadline = Date.now() + 60_000;
    for (;;) {
      const job = await this.json<JobDto>('GET', `/jobs/${jobId}`);
      if (job.state === 'completed') {
        if (job.result && job.result.errorCount > 0) throw new Error(`${name}: ${JSON.stringify(job.result.errors)}`);
        return;
      }
      if (job.state === 'failed' || Date.now() > deadline) throw new Error(`${name}: import ${job.state} ${job.failedReason ?? ''}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** Waits until the element with this test id has text the pattern accepts; returns that text. */
export async function waitForTestId(page: Page, testId: string, pattern: RegExp, timeout = 15_000): Promise<string> {
  const handle = await page.waitForFunction(
    ([id, source, flags]) => {
      const text = document.querySelector(`[data-testid="${id}"]`)?.textContent ?? null;
      return text !== null && new RegExp(source, flags).test(text) ? text : false;
    },
    [testId, pattern.source, pattern.flags] as const,
    { timeout },
  );
  return (await handle.jsonValue()) as string;
}

export async function waitForState(page: Page, selector: string, state: string, timeout = 15_000): Promise<void> {
  await page.locator(`${selector}[data-state="${state}"]`).first().waitFor({ timeout });
}

/** Signs in through the form the page redirected to, and waits to be sent back. */
export async function signInThroughForm(page: Page, username: string, password: string, back: RegExp): Promise<void> {
  await page.waitForURL(/\/login/);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForURL(back);
}
