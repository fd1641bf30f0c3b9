// Desktop benchmarks (issue 3), run by tests/e2e/bench.sh, never by the
// test command: cold start to an interactive list over 100,000 documents,
// memory (PSS) of the app and its WebKit processes with the list and a
// preview open, and the time from opening a 2-page PDF to a filled form.
import { remote } from 'webdriverio';
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const ms = (x) => `${x.toFixed(0)} ms`;
function pssOf(root) {
  const all = execSync('ps -e -o pid=,ppid=').toString().trim().split('\n').map((l) => l.trim().split(/\s+/).map(Number));
  const tree = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of all) if (tree.has(ppid) && !tree.has(pid)) { tree.add(pid); grew = true; }
  }
  let kb = 0;
  const names = [];
  for (const pid of tree) {
    try {
      const m = /Pss:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      kb += m ? Number(m[1]) : 0;
      names.push(readFileSync(`/proc/${pid}/comm`, 'utf8').trim());
    } catch { /* gone */ }
  }
  return { mb: kb / 1024, names };
}

const runs = [];
for (let i = 0; i < Number(process.env.ROUNDS ?? 3); i++) {
  const t0 = performance.now();
  const browser = await remote({
    hostname: '127.0.0.1', port: 4444, logLevel: 'error',
    capabilities: { 'tauri:options': { application: process.env.EOFFICE_DESKTOP_BIN }, 'wdio:enforceWebDriverClassic': true },
  });
  await (await browser.$('[data-testid="list-row"] [data-testid="row-number"]')).waitForDisplayed({ timeout: 30000 });
  const wall = performance.now() - t0;
  const inPage = await browser.execute(() => performance.getEntriesByName('list-ready')[0]?.startTime ?? -1);
  const total = await (await browser.$('[data-testid="list-total"]')).getText();
  runs.push({ wall, inPage });
  console.log(`cold start ${i + 1}: ${ms(wall)} from launch to rows shown (session + process + webview), ${ms(inPage)} from page start; ${total}`);
  if (i === 0) {
    // A preview: open the 2-page PDF waiting in the inbox.
    await browser.keys(['Control', 'n']);
    await (await browser.$('[data-testid="inbox-file"]')).waitForDisplayed({ timeout: 10000 });
    await browser.keys(['Enter']);
    await (await browser.$('[data-testid="register-form"]')).waitForDisplayed({ timeout: 20000 });
    await browser.waitUntil(async () => (await browser.$$('[data-testid="pdf-preview"] canvas')).length > 0, { timeout: 20000 });
    const toForm = await browser.execute(() => performance.getEntriesByName('file-to-form').map((e) => e.duration));
    console.log(`open 2-page PDF to filled form: ${toForm.map(ms).join(', ')} (target ≤ 300 ms)`);
    const app = Number(execSync("pgrep -n -x eoffice-desktop").toString().trim());
    const { mb, names } = pssOf(app);
    console.log(`memory with list and preview open: PSS ${mb.toFixed(0)} MB over ${names.join(', ')} (target ≤ 320 MB)`);
  }
  await browser.deleteSession();
}
const best = Math.min(...runs.map((r) => r.wall));
console.log(`cold start best of ${runs.length}: ${ms(best)} (target ≤ 1 s)`);
