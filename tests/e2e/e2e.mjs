// The e2e scenarios. Started by tests/e2e/run-e2e, which prepares the server
// and passes: BASE_URL, ADMIN_EMAIL, ADMIN_OTP, SECOND_EMAIL, SECOND_PASSWORD,
// CHROMIUM, SCREENSHOTS, REPO, SHEETS_DIR (the shared sample sheets) and
// BLANK_SHEET (a blank summary sheet from `mamori sheet new`).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const env = (name) => {
  const v = process.env[name];
  if (!v) {
    console.error(`e2e: ${name} is not set (start the tests with tests/e2e/run-e2e)`);
    process.exit(2);
  }
  return v;
};

const BASE = env('BASE_URL');
const ADMIN_EMAIL = env('ADMIN_EMAIL');
const ADMIN_OTP = env('ADMIN_OTP');
const SECOND_EMAIL = env('SECOND_EMAIL');
const SECOND_PASSWORD = env('SECOND_PASSWORD');
const SECOND_TENANT = env('SECOND_TENANT');
const CHROMIUM = env('CHROMIUM');
const SHOTS = env('SCREENSHOTS');
const REPO = env('REPO');
const SHEETS = env('SHEETS_DIR');
const BLANK_SHEET = env('BLANK_SHEET');
const NEW_PASSWORD = 'Mamori-e2e-Kanri-2026!';

const require = createRequire(join(REPO, 'web', 'package.json'));
const { chromium } = require('playwright-core');

mkdirSync(SHOTS, { recursive: true });
for (const f of readdirSync(SHOTS)) if (f.endsWith('.png')) rmSync(join(SHOTS, f));

const started = Date.now();
const T = 15_000; // default wait for one thing to appear

// RFC 6238 TOTP (SHA-1, 6 digits, 30 s), as an authenticator app computes it.
function totp(base32, at = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 15;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

async function waitForServer() {
  const until = Date.now() + 20_000;
  for (;;) {
    try {
      const r = await fetch(`${BASE}/healthz`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`the server at ${BASE} did not answer /healthz`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

await waitForServer();

const userDataDir = mkdtempSync(join(tmpdir(), 'mamori-e2e-chromium-'));
const context = await chromium.launchPersistentContext(userDataDir, {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
  viewport: { width: 1280, height: 800 },
  locale: 'ja-JP',
  timezoneId: 'Asia/Tokyo',
  permissions: ['clipboard-read', 'clipboard-write'],
});
context.setDefaultTimeout(T);
const page = context.pages()[0] ?? (await context.newPage());

// Anything the Content-Security-Policy refused, and page errors.
const problems = [];
page.on('console', (msg) => {
  const text = msg.text();
  if (/Content Security Policy|Refused to/i.test(text)) problems.push(`CSP: ${text}`);
  else if (msg.type() === 'error' && !/status of 40[0-9]/.test(text)) problems.push(`console error: ${text}`);
});
page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));

let shotNo = 0;
async function shot(name) {
  shotNo += 1;
  const file = join(SHOTS, `${String(shotNo).padStart(2, '0')}-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

const results = [];
// A scenario that later ones depend on (signing in): when it fails, those fail at once.
let blockedBy = null;
async function scenario(name, fn, { critical = false, needsSession = false } = {}) {
  const t0 = Date.now();
  if (needsSession && blockedBy) {
    results.push({ name, ok: false, ms: 0, error: new Error(`not run: "${blockedBy}" failed`) });
    console.log(`FAIL  ${name} (not run: "${blockedBy}" failed)`);
    return;
  }
  try {
    await fn();
    results.push({ name, ok: true, ms: Date.now() - t0 });
    console.log(`PASS  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    results.push({ name, ok: false, ms: Date.now() - t0, error: e });
    if (critical && !blockedBy) blockedBy = name;
    console.log(`FAIL  ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)\n      ${String(e?.message ?? e).split('\n').slice(0, 6).join('\n      ')}`);
    try {
      await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, '-').toLowerCase()}`);
    } catch {
      // no screenshot
    }
  }
}

// A row's button: its label and, hidden but read out, what it acts on ("Drop : 5-37").
const labelled = (label, what) => new RegExp(`^${label}\\s*:\\s*${what.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
const text = async (selector) => (await page.locator(selector).first().innerText()).trim();
const focusedInfo = () =>
  page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { what: 'body', outline: 'none' };
    const cs = getComputedStyle(el);
    const label = el.getAttribute('name') || el.textContent?.trim() || el.getAttribute('type') || el.tagName;
    return { what: label, outline: cs.outlineStyle, outlineWidth: cs.outlineWidth, tag: el.tagName };
  });

// 1. The warning banner is on the sign-in page, above the form.
await scenario('login page shows the warning banner above the form', async () => {
  await page.goto(`${BASE}/login`);
  const banner = page.getByTestId('login-banner');
  await banner.waitFor();
  const body = await banner.innerText();
  assert(body.includes('認可'), `banner text: ${body}`);
  const bannerBox = await banner.boundingBox();
  const formBox = await page.locator('form').first().boundingBox();
  assert(bannerBox && formBox && bannerBox.y + bannerBox.height <= formBox.y, 'the banner is not above the form');
  assert((await page.evaluate(() => document.documentElement.lang)) === 'ja', 'html lang is not ja');
  await shot('login-banner');
});

// 2. A wrong password gives a clear message (second person: the admin's counter stays clean).
await scenario('wrong password shows a clear message', async () => {
  await page.locator('input[name=email]').fill(SECOND_EMAIL);
  await page.locator('input[name=password]').fill('not-the-password');
  await page.locator('input[name=password]').press('Enter');
  const alert = page.locator('[role=alert]').filter({ hasText: 'メールアドレスまたはパスワードが正しくありません' });
  await alert.waitFor();
  await shot('login-wrong-password');
});

// 3. Keyboard only: tab order, visible focus, Enter submits; first sign-in with the one-time password.
await scenario('keyboard-only sign-in with the one-time password', async () => {
  await page.goto(`${BASE}/login`);
  await page.getByTestId('login-banner').waitFor();
  // Start from the top of the page (a click on the empty header sets where Tab starts).
  await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.blur() : undefined));
  await page.mouse.click(600, 20);
  const order = [];
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedInfo();
    order.push(f.what);
    assert(f.outline !== 'none' && f.outlineWidth !== '0px', `no visible focus ring on ${f.what}`);
  }
  const expected = ['日本語', 'English', 'email', 'password', 'ログイン'];
  assert(JSON.stringify(order) === JSON.stringify(expected), `tab order ${JSON.stringify(order)}, expected ${JSON.stringify(expected)}`);
  // Back to the e-mail field and type everything with the keyboard.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert((await focusedInfo()).what === 'email', 'Shift+Tab did not reach the e-mail field');
  await page.keyboard.type(ADMIN_EMAIL);
  await page.keyboard.press('Tab');
  await page.keyboard.type(ADMIN_OTP);
  await shot('login-keyboard-filled');
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'パスワードの変更が必要です' }).waitFor();
}, { critical: true });

// 4. The forced password change, then the app.
await scenario('forced password change leads into the app', async () => {
  await shot('password-change-required');
  const pw = page.locator('input[name=new_password]');
  await pw.focus();
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Tab');
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await page.locator('header.app-header').waitFor();
  await page.getByRole('heading', { level: 1, name: 'カタログ' }).waitFor();
  assert(await page.getByRole('navigation', { name: '主要な業務' }).isVisible(), 'the navigation is not visible');
  await shot('app-catalogs');
}, { critical: true, needsSession: true });

// 5. Search 「クロック」 in ismap-2024, open 12.4.4.
await scenario('search クロック in ismap-2024 and open 12.4.4 with its child and mapping', async () => {
  await page.getByRole('link', { name: 'ISMAP管理基準' }).click();
  await page.getByRole('tree').waitFor();
  const q = page.getByLabel('このカタログ内を検索');
  await q.click();
  await page.keyboard.type('クロック');
  await page.keyboard.press('Enter');
  const results = page.getByTestId('search-results');
  await results.waitFor();
  await results.locator('mark', { hasText: 'クロック' }).first().waitFor();
  await shot('search-results');
  await results.locator('a', { has: page.locator('.result-ref', { hasText: /^12\.4\.4$/ }) }).click();
  await page.waitForURL(/\/catalogs\/ismap-2024\/nodes\/12\.4\.4$/);
  const node = page.getByTestId('node-page');
  await node.waitFor();
  assert((await text('[data-testid=node-ref]')) === '12.4.4', 'node ref is not 12.4.4');
  const title = await text('[data-testid=node-title]');
  assert(title.includes('単一の参照時刻源と同期させる'), `node text: ${title}`);
  const children = await text('[data-testid=node-children]');
  assert(children.includes('12.4.4.4.PB'), `children: ${children}`);
  const row = page.getByTestId('mappings').locator('tbody tr', { hasText: '8.17' });
  const rowText = await row.innerText();
  assert(rowText.includes('クロックの同期') && rowText.includes('同等'), `mapping row: ${rowText}`);
  // The tree follows: 12.4.4 is selected.
  const selected = await page.locator('[role=treeitem][aria-selected=true]').first().getAttribute('aria-labelledby');
  assert(selected === 'tree-l-12.4.4', `tree selection: ${selected}`);
  await shot('node-12.4.4-ja');
}, { needsSession: true });

// 6. The tree by keyboard (WAI-ARIA tree pattern).
await scenario('catalog tree works with the arrow keys', async () => {
  const item = page.locator('[role=treeitem][aria-selected=true]').first();
  await item.focus();
  const focusOn = (id) =>
    page.waitForFunction((want) => document.activeElement?.getAttribute('aria-labelledby') === want, `tree-l-${id}`, { timeout: 5000 });
  await page.keyboard.press('ArrowLeft'); // to the parent 12.4
  await focusOn('12.4');
  await page.keyboard.press('ArrowLeft'); // collapse 12.4
  await page.locator('[aria-labelledby="tree-l-12.4"][aria-expanded=false]').waitFor();
  await page.keyboard.press('ArrowRight'); // expand again
  await page.locator('[aria-labelledby="tree-l-12.4"][aria-expanded=true]').waitFor();
  await page.keyboard.press('ArrowRight'); // first child
  await focusOn('12.4.1');
  await page.keyboard.press('ArrowDown');
  await focusOn('12.4.2');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/nodes\/12\.4\.2$/);
  await page.goBack();
  await page.waitForURL(/\/nodes\/12\.4\.4$/);
  await page.getByTestId('node-page').waitFor();
}, { needsSession: true });

// 7. English: the same page with English labels.
await scenario('switch to English: same node page in English', async () => {
  await page.getByRole('button', { name: 'English', exact: true }).first().click();
  await page.getByRole('heading', { name: 'Mappings to other catalogs' }).waitFor();
  assert((await page.evaluate(() => document.documentElement.lang)) === 'en', 'html lang is not en');
  assert((await text('[data-testid=relationship]')) === 'equal', 'relationship is not "equal"');
  assert(await page.getByRole('link', { name: 'Catalogs', exact: true }).first().isVisible(), 'nav is not in English');
  assert((await page.locator('h1.page-title').innerText()).includes('ISMAP Control Criteria'), 'catalog title not in English');
  assert((await text('[data-testid=node-ref]')) === '12.4.4', 'not the same node');
  await shot('node-12.4.4-en');
}, { needsSession: true });

// 8. Idle lock after 5 s, unlock with the password, the page is back.
await scenario('idle lock, unlock with the password, page is back', async () => {
  // The only deliberate wait: the server locks an idle session after 5 s.
  const lock = page.locator('.lock-card');
  await lock.waitFor({ timeout: 20_000 });
  await page.getByRole('heading', { name: 'Screen locked' }).waitFor();
  assert(!(await page.getByTestId('node-page').isVisible()), 'the page content is visible under the lock screen');
  await shot('lock-screen');
  const pw = page.locator('.lock-card input[name=password]');
  assert(await pw.evaluate((el) => el === document.activeElement), 'focus is not in the password field');
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press('Enter');
  await lock.waitFor({ state: 'detached' });
  await page.getByTestId('node-page').waitFor({ state: 'visible' });
  assert((await text('[data-testid=node-ref]')) === '12.4.4', 'not the same node after unlock');
  // And the session works: open the child.
  await page.getByTestId('node-children').getByRole('link').first().click();
  await page.waitForURL(/12\.4\.4\.4\.PB$/);
  await page.getByTestId('node-page').waitFor();
  await shot('after-unlock');
}, { needsSession: true });

// 9. Settings: members and a member's history from the audit log.
await scenario('settings: members table and member history', async () => {
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await page.getByRole('heading', { name: 'Warning banner' }).or(page.getByText('Warning banner', { exact: true })).first().waitFor();
  await shot('settings-organisation');
  // After a reload the CSRF token comes from GET /api/v1/me; a wrong value is shown at its field.
  await page.reload();
  const idle = page.getByLabel('Lock after inactivity (seconds)');
  await idle.fill('5');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.locator('.field-invalid', { has: idle }).getByText('The value is out of range.').waitFor();
  assert((await idle.getAttribute('aria-invalid')) === 'true', 'the field is not marked invalid');
  assert(await idle.evaluate((el) => el === document.activeElement), 'focus did not move to the field in error');
  await shot('settings-field-error');
  await idle.fill('1800');
  await page.getByLabel('Minimum password length').fill('14');
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved.').waitFor();
  await page.getByRole('link', { name: 'Members', exact: true }).click();
  const table = page.locator('table');
  await table.getByRole('cell', { name: SECOND_EMAIL, exact: true }).waitFor();
  await table.getByRole('cell', { name: ADMIN_EMAIL, exact: true }).waitFor();
  await shot('settings-members');
  await table.locator('tr', { hasText: SECOND_EMAIL }).getByRole('link').first().click();
  await page.getByRole('heading', { name: 'History (audit log)' }).waitFor();
  await page.locator('.timeline code', { hasText: 'member.add' }).first().waitFor();
  await shot('member-detail-history');
  await page.getByRole('link', { name: 'Audit log', exact: true }).click();
  await page.locator('table code', { hasText: 'auth.login' }).first().waitFor();
  await shot('settings-audit-log');
}, { needsSession: true });

// 9b. Catalog download (fetch + Blob) and the upload check (XMLHttpRequest) with per-line problems.
await scenario('download a catalog as YAML, check it, and see per-line problems of a broken file', async () => {
  const navLink = (name) => page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name, exact: true });
  await navLink('Catalogs').click();
  await page.getByRole('link', { name: 'ISMAP Control Criteria' }).click();
  await page.getByRole('tree').waitFor();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: 'YAML', exact: true }).click(),
  ]);
  const name = download.suggestedFilename();
  assert(name === 'ismap-2024-2024-08-01.yaml', `download name: ${name}`);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-files-'));
  const yaml = join(dir, name);
  await download.saveAs(yaml);
  assert(statSync(yaml).size > 10_000, 'the downloaded YAML is too small');
  await page.getByText(`Downloaded: ${name}`).waitFor();
  await shot('catalog-downloaded');
  await navLink('Catalogs').click();
  await page.getByRole('link', { name: 'Check a catalog file' }).click();
  await page.getByLabel('YAML file').setInputFiles(yaml);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  await page.getByText(/No problems\. Catalogs in the file: .*ismap-2024/).waitFor();
  await shot('catalog-check-ok');
  const broken = join(dir, 'broken.yaml');
  writeFileSync(broken, 'catalog:\n  id: broken\n  title: x\nnodes:\n  - ref: "1"\n    kind: nope\n');
  await page.getByLabel('YAML file').setInputFiles(broken);
  await page.getByRole('button', { name: 'Check', exact: true }).click();
  const problems = page.locator('.problems');
  await problems.getByRole('heading', { name: /problems/ }).waitFor();
  const rows = await problems.locator('tbody tr').allInnerTexts();
  assert(rows.some((r) => /^5\s+node 1: title is required/.test(r)), `problem rows: ${JSON.stringify(rows)}`);
  await shot('catalog-check-problems');
  rmSync(dir, { recursive: true, force: true });
}, { needsSession: true });

// 9c. Procurer: create a sheet, tailor it, export it as Excel, import two
// vendors' returned files, review alternatives, download the report, compare.
await scenario('procurer: create, tailor, export, import, evaluate, review, report, compare', async () => {
  const navLink = (name) => page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name, exact: true });
  await navLink('Check sheets').click();
  await page.getByRole('heading', { name: 'Check sheets', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'New sheet' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Title').fill('e2e 調達 ファイル共有サービス');
  await dialog.getByLabel('Vendor').fill('サンプル商事');
  await dialog.getByLabel('Confidentiality').selectOption('3C');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('heading', { name: 'e2e 調達 ファイル共有サービス' }).waitFor();
  await page.getByText('Questions (44)').waitFor();
  await shot('sheet-created');

  // Tailoring needs a reason: without one the field says so.
  await page.getByRole('button', { name: labelled('Drop', '5-37') }).click();
  const drop = page.getByRole('dialog');
  await drop.getByRole('button', { name: 'Save' }).click();
  await drop.locator('[aria-invalid=true]').first().waitFor();
  await drop.getByLabel('Reason for the change').fill('本調達では外部監査を求めないため');
  await drop.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Question changed.').waitFor();
  await page.getByText('Questions (43)').waitFor();

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export as Excel (to send)' }).click()]);
  assert(xlsx.suggestedFilename().endsWith('.xlsx'), `export name: ${xlsx.suggestedFilename()}`);
  const dir = mkdtempSync(join(tmpdir(), 'mamori-e2e-sheet-'));
  await xlsx.saveAs(join(dir, 'sent.xlsx'));
  assert(statSync(join(dir, 'sent.xlsx')).size > 5_000, 'the exported sheet is too small');

  // A broken file: an error that says so, nothing imported.
  writeFileSync(join(dir, 'broken.xlsx'), 'PK\u0003\u0004 not really a zip');
  await page.locator('#import-vendor').fill('壊れた株式会社');
  await page.getByLabel('The answered Excel file (.xlsx)').setInputFiles(join(dir, 'broken.xlsx'));
  await page.getByRole('button', { name: 'Import and evaluate' }).click();
  await page.locator('.alert-error').waitFor();
  await shot('sheet-import-broken');

  for (const [vendor, file, verdict] of [
    ['ベンダーB', 'vendor-b-alternatives.xlsx', 'Conditional'],
    ['ベンダーA', 'vendor-a-all-met.xlsx', 'Conforming'],
  ]) {
    await page.locator('#import-vendor').fill(vendor);
    await page.getByLabel('The answered Excel file (.xlsx)').setInputFiles(join(SHEETS, file));
    await page.getByRole('button', { name: 'Import and evaluate' }).click();
    await page.getByText(`${vendor}'s answers imported: ${verdict}`).waitFor();
  }
  await shot('sheet-responses');

  await page.getByRole('link', { name: 'ベンダーB', exact: true }).click();
  await page.getByRole('heading', { name: /Verdict: Conditional/ }).waitFor();
  const review = async (ref, button, comment) => {
    await page.getByRole('button', { name: labelled(button, ref) }).click();
    const d = page.getByRole('dialog');
    await d.getByLabel('Comment').fill(comment);
    await d.getByRole('button', { name: button }).click();
    await page.getByText(`Review of ${ref} recorded.`).waitFor();
  };
  await review('5-17', 'Accept alternative', '代替対策で十分と判断');
  await review('5-35', 'Accept alternative', '年次の外部監査で代替');
  await page.getByRole('heading', { name: /Verdict: Conditional/ }).waitFor();
  await review('5-18', 'Reject alternative', '暗号化なしは受け入れられない');
  await page.getByRole('heading', { name: /Verdict: Nonconforming/ }).waitFor();
  await shot('sheet-reviewed');
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Evaluation as Excel' }).click()]);
  assert(report.suggestedFilename().endsWith('.xlsx'), `report name: ${report.suggestedFilename()}`);

  await page.locator('.page-kicker a').click();
  await page.getByRole('link', { name: 'Compare vendors' }).click();
  const table = page.locator('table.compare-table');
  await table.waitFor();
  const head = await table.locator('thead').innerText();
  assert(head.includes('ベンダーA') && head.includes('ベンダーB'), `compare header: ${head}`);
  assert((await table.locator('tbody tr').count()) >= 43, 'the compare table lacks items');
  await shot('sheet-compare');
  rmSync(dir, { recursive: true, force: true });
}, { needsSession: true });

// 10. Tablet width: the navigation folds into the menu button.
await scenario('at 768 px the navigation is behind the menu button', async () => {
  await page.setViewportSize({ width: 768, height: 1024 });
  const button = page.getByTestId('menu-button');
  await button.waitFor({ state: 'visible' });
  assert(!(await page.locator('#app-nav').isVisible()), 'the navigation is visible without the menu');
  await shot('tablet-768');
  await button.click();
  await page.locator('#app-nav').waitFor({ state: 'visible' });
  assert((await button.getAttribute('aria-expanded')) === 'true', 'aria-expanded is not true');
  await shot('tablet-768-menu-open');
  await page.keyboard.press('Escape');
  await page.locator('#app-nav').waitFor({ state: 'hidden' });
  assert(await button.evaluate((el) => el === document.activeElement), 'focus did not return to the menu button');
  await page.setViewportSize({ width: 1280, height: 800 });
}, { needsSession: true });

// 11. Sign out from the account menu.
await scenario('logout from the account menu', async () => {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  await page.getByTestId('login-banner').waitFor();
  await shot('logged-out');
  const me = await page.evaluate(async () => (await fetch('/api/v1/me')).status);
  assert(me === 401, `GET /api/v1/me after logout: ${me}`);
  await page.goto(`${BASE}/catalogs`);
  await page.waitForURL(/\/login$/);
}, { needsSession: true });

// 12. The second person signs in with their password; an auditor sees the audit log but cannot change settings.
await scenario('auditor signs in: read-only settings', async () => {
  await page.locator('input[name=email]').fill(SECOND_EMAIL);
  await page.locator('input[name=password]').fill(SECOND_PASSWORD);
  await page.locator('input[name=password]').press('Enter');
  await page.locator('header.app-header').waitFor();
  await page.goto(`${BASE}/settings`);
  await page.getByText('Read only (your role cannot change this)').waitFor();
  assert((await page.getByRole('button', { name: 'Save' }).count()) === 0, 'an auditor sees a Save button');
  assert((await page.getByRole('link', { name: 'API tokens' }).count()) === 0, 'an auditor sees API tokens');
  assert((await page.getByRole('link', { name: 'Audit log', exact: true }).count()) === 1, 'an auditor does not see the audit log');
  await shot('auditor-settings');
});

// 13. Someone in two organisations switches between them from the header.
await scenario('organisation switch in the header', async () => {
  const switcher = page.getByRole('button', { name: /^Switch organisation: デモクラウド株式会社/ });
  await switcher.click();
  await shot('organisation-menu');
  await page.getByRole('menuitemradio', { name: new RegExp(SECOND_TENANT) }).click();
  await page.getByRole('button', { name: new RegExp(`^Switch organisation: ${SECOND_TENANT}`) }).waitFor();
  // Admin there: the settings now offer API tokens and a Save button.
  await page.getByRole('link', { name: 'API tokens' }).waitFor();
  await page.getByRole('button', { name: 'Save' }).waitFor();
  assert((await page.locator('.page-kicker').first().innerText()).includes(SECOND_TENANT), 'settings are not for the new organisation');
  await shot('organisation-switched');
});

// 14. MFA: enrol with the QR/secret, keep the recovery codes, sign in again with one of them.
await scenario('MFA enrolment, recovery codes, sign-in with a recovery code', async () => {
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Two-factor authentication (MFA)' }).click();
  await page.getByRole('button', { name: 'Set up two-factor authentication' }).click();
  const qr = page.locator('img.qr');
  await qr.waitFor();
  assert((await qr.getAttribute('src')).startsWith('data:image/svg+xml;base64,'), 'the QR code is not a data: image');
  const secret = (await page.locator('.secret-value').innerText()).replace(/\s/g, '');
  await page.getByLabel('Authentication code (6 digits)').fill(totp(secret));
  await shot('mfa-enrol');
  await page.getByRole('button', { name: 'Confirm and turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).locator('code');
  await codes.first().waitFor();
  const recovery = (await codes.allInnerTexts()).map((c) => c.trim());
  assert(recovery.length >= 5, `only ${recovery.length} recovery codes`);
  const done = page.getByRole('button', { name: 'Done' });
  assert(await done.isDisabled(), 'Done is enabled before the codes are confirmed as saved');
  await shot('mfa-recovery-codes');
  await page.getByLabel('I have saved the recovery codes in a safe place').check();
  await done.click();
  await page.getByText('Two-factor authentication is on.').waitFor();
  await page.getByRole('button', { name: 'Account menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.getByText('You have signed out.').waitFor();
  await page.locator('input[name=email]').fill(SECOND_EMAIL);
  await page.locator('input[name=password]').fill(SECOND_PASSWORD);
  await page.locator('input[name=password]').press('Enter');
  await page.getByRole('heading', { name: 'Two-factor authentication' }).waitFor();
  await shot('login-mfa-step');
  await page.getByRole('button', { name: 'Use a recovery code' }).click();
  await page.getByLabel('Recovery code').fill(recovery[0]);
  await page.getByLabel('Recovery code').press('Enter');
  await page.locator('header.app-header').waitFor();
}, { needsSession: true });

// 15. Procurer invites a respondent; the respondent answers in the web form
// with evidence and submits; the procurer sees the evaluation.
await scenario('respondent answers in the web form with evidence; procurer evaluates it', async () => {
  const signOut = async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.getByText('You have signed out.').waitFor();
  };
  const signIn = async (email, password) => {
    await page.locator('input[name=email]').fill(email);
    await page.locator('input[name=password]').fill(password);
    await page.locator('input[name=password]').press('Enter');
  };
  await signOut();
  await signIn(ADMIN_EMAIL, NEW_PASSWORD);
  await page.locator('header.app-header').waitFor();
  await page.goto(`${BASE}/sheets`);
  await page.getByRole('link', { name: 'e2e 調達 ファイル共有サービス' }).click();
  await page.getByRole('button', { name: 'Invite a respondent' }).click();
  const d = page.getByRole('dialog');
  await d.getByLabel('Vendor').fill('ベンダーC (Web)');
  await d.getByLabel("Respondent's e-mail").fill('respondent@vendor-c.example');
  await d.getByRole('button', { name: 'Invite' }).click();
  const otp = (await page.locator('.secret-value').innerText()).trim();
  assert(otp.length >= 8, `one-time password: ${otp}`);
  await shot('respondent-invited');
  await page.getByRole('dialog').locator('button.btn-primary').click();
  await signOut();

  await signIn('respondent@vendor-c.example', otp);
  const pw = page.locator('input[name=new_password]');
  await pw.focus();
  await page.keyboard.type('Kaitou-Vendor-C-2026!');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Kaitou-Vendor-C-2026!');
  await page.keyboard.press('Enter');
  // After the admin signed out, the respondent starts at its home: the sheets to answer.
  await page.getByRole('heading', { name: 'Sheets to answer' }).waitFor();
  const nav = await page.getByRole('navigation', { name: 'Main workflows' }).innerText();
  assert(!nav.includes('Settings') && !nav.includes('Answer library'), `a respondent sees: ${nav}`);
  await page.getByRole('link', { name: 'e2e 調達 ファイル共有サービス' }).click();
  await page.getByText('2. Requirements (43)').waitFor();
  const questions = page.locator('fieldset.question[data-ref]');
  const count = await questions.count();
  for (let i = 0; i < count; i++) {
    const q = questions.nth(i);
    const ref = await q.getAttribute('data-ref');
    if (ref === '5-20') {
      await q.getByLabel('× Not done').check();
      await q.getByLabel('Remarks (for ×: the alternative measure)').fill('EDR を全端末に導入し 24 時間監視');
      await q.getByLabel('Remarks (for ×: the alternative measure)').blur();
    } else {
      await q.getByLabel('○ Done').check();
    }
    await q.getByText('Saved').waitFor();
  }
  const evidence = join(mkdtempSync(join(tmpdir(), 'mamori-e2e-evidence-')), 'ISMS認証書.pdf');
  writeFileSync(evidence, '%PDF-1.4\n% e2e evidence\n');
  await page.getByLabel(/Evidence file/).setInputFiles(evidence);
  await page.getByRole('button', { name: 'Upload' }).click();
  await page.getByRole('link', { name: 'ISMS認証書.pdf' }).waitFor();
  await shot('respondent-form');
  await page.getByRole('button', { name: 'Submit the answers' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Submit the answers' }).click();
  await page.getByText('This response has been submitted and can no longer be changed.').waitFor();
  await signOut();

  await signIn(ADMIN_EMAIL, NEW_PASSWORD);
  await page.locator('header.app-header').waitFor();
  await page.goto(`${BASE}/sheets`);
  await page.getByRole('link', { name: 'e2e 調達 ファイル共有サービス' }).click();
  await page.getByRole('link', { name: 'ベンダーC (Web)' }).click();
  await page.getByRole('heading', { name: /Verdict: Conditional/ }).waitFor();
  await page.getByRole('link', { name: 'ISMS認証書.pdf' }).waitFor();
  await shot('respondent-evaluated');

  // Closing the sheet stops new responses: no invitation, no import.
  await page.locator('.page-kicker a').click();
  await page.getByRole('button', { name: 'Close', exact: true }).click();
  await page.getByText('The sheet is closed: it takes no new responses.').waitFor();
  await page.getByRole('button', { name: 'Reopen' }).waitFor(); // the sheet as reloaded
  assert((await page.getByRole('button', { name: 'Invite a respondent' }).count()) === 0, 'a closed sheet still offers invitations');
  assert((await page.getByRole('button', { name: 'Import and evaluate' }).count()) === 0, 'a closed sheet still offers imports');
}, { needsSession: true });

// 16. Vendor: answer a customer's sheet from the answer library and download it.
await scenario('vendor: answer an uploaded sheet from the library and download it', async () => {
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Answer library', exact: true }).click();
  await page.getByRole('heading', { name: 'Answer library', level: 1 }).waitFor();
  await page.locator('table tbody tr').nth(40).waitFor(); // the demo library: the 44 summary items
  await shot('library');
  await page.getByRole('link', { name: 'Incoming sheets' }).click();
  await page.locator('#in-customer').fill('東京市');
  await page.getByLabel("The customer's sheet (.xlsx)").setInputFiles(BLANK_SHEET);
  await page.getByRole('button', { name: 'Upload and propose answers' }).click();
  await page.getByText(/^\d+ questions \(library \d+/).waitFor();
  await page.getByRole('button', { name: 'Accept all' }).click();
  await page.getByText(/accepted\./).waitFor();
  await shot('incoming-proposals');
  const [answered] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download the answered file' }).click()]);
  assert(answered.suggestedFilename().endsWith('.xlsx'), `answered name: ${answered.suggestedFilename()}`);
}, { needsSession: true });

await scenario('control standard: history with reasons, an operation, balance, audit scope, diff, approval', async () => {
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Control standard', exact: true }).click();
  await page.getByRole('heading', { name: 'Control standard', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'デモクラウド 個別管理基準' }).click();
  await page.getByRole('heading', { name: 'デモクラウド 個別管理基準', level: 1 }).waitFor();
  await page.locator('table tbody tr').nth(40).waitFor();
  await shot('standard-items');

  // Seed 002 example 1: 4.8.2.2 reworded, its reason in the item's history.
  await page.getByRole('button', { name: labelled('2 changes', '4.8.2.2') }).click();
  const history = page.getByRole('dialog');
  await history.getByText(/委託先における契約遵守状況の確認が必要/).waitFor();
  await shot('standard-item-history');
  await page.keyboard.press('Escape');
  await history.waitFor({ state: 'hidden' });

  // An operation needs its reason.
  await page.getByRole('button', { name: labelled('Level', '5.1.2') }).click();
  const op = page.getByRole('dialog');
  await op.getByRole('button', { name: 'Save' }).click();
  await op.locator('[aria-invalid=true]').first().waitFor();
  await op.getByLabel(/^Reason/).fill('e2e: 資源を必須項目に集中するため推奨とする');
  await op.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Change recorded.').waitFor();

  // Filter by attribute: only #Detective items.
  await page.getByLabel('Attribute type').selectOption('control_type');
  await page.getByLabel('Attribute value').selectOption('detective');
  await page.getByText(/^Showing \d+ of \d+ items$/).waitFor();

  await page.getByRole('tab', { name: 'Balance' }).click();
  await page.getByRole('region', { name: 'Control type' }).getByText('#Detective').waitFor();
  await shot('standard-balance');

  await page.getByRole('tab', { name: 'Audit scopes' }).click();
  await page.getByText('2026年度内部監査: #検知 の管理策').waitFor();
  await page.getByLabel('Audit scope name').fill('e2e #Detective');
  await page.getByRole('button', { name: 'Save as audit scope' }).click();
  await page.getByText(/^Saved “e2e #Detective”/).waitFor();

  await page.getByRole('tab', { name: 'Versions and diff' }).click();
  await page.getByRole('cell', { name: '2026年度版（初版）' }).waitFor();
  await page.locator('.badge', { hasText: 'Level' }).first().waitFor();
  await shot('standard-diff');

  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByText('Approved.').waitFor();
  await page.getByText('Version 2').first().waitFor();
}, { needsSession: true });

await scenario('risks: register, dashboard goals, treatment with a catalog control, owner approval, criteria, cloud sources', async () => {
  await page.goto(`${BASE}/sheets`); // a fresh page: nothing left open by an earlier scenario
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Risks', exact: true }).click();
  await page.getByRole('heading', { name: 'Risks', level: 1 }).waitFor();
  const untreated = '業務メールの誤送信による情報漏えい';
  await page.getByRole('link', { name: untreated }).waitFor();
  await page.locator('.risk-level', { hasText: 'High' }).first().waitFor();
  await shot('risk-register');

  // The demo's untreated high risk is past the 6-month goal.
  await page.getByRole('link', { name: 'Dashboard', exact: true }).click();
  await page.getByRole('heading', { name: '“High” to “Medium” or below within 6 months' }).waitFor();
  const goal = page.locator('.risk-goal').first();
  await goal.getByRole('row', { name: new RegExp(`${untreated}.*Overdue`) }).waitFor();
  await shot('risk-dashboard');

  // Treat it: a control found in the catalog, one action, the residual; then the owner approves.
  await goal.getByRole('link', { name: untreated }).click();
  await page.getByRole('heading', { name: untreated, level: 1 }).waitFor();
  await page.getByLabel('Treatment option').selectOption('modify');
  await page.getByLabel('Catalog', { exact: true }).selectOption('iso27001-2022');
  await page.getByLabel('Search controls').fill('情報の転送');
  await page.getByRole('button', { name: labelled('Add', '5.14') }).click();
  await page.getByRole('button', { name: 'Add an action' }).click();
  await page.getByLabel('Action', { exact: true }).fill('送信前の宛先確認機能を導入する');
  await page.getByLabel('Due').fill('2027-03-31');
  await page.getByLabel('Residual likelihood').selectOption('1');
  await page.getByLabel('Residual impact').selectOption('2');
  await page.getByRole('button', { name: 'Save the treatment' }).click();
  await page.getByText(/^Saved the treatment\./).waitFor();
  await page.getByRole('button', { name: 'Approve the plan and the residual risk' }).click();
  await page.getByText('Approved the treatment plan and the residual risk.').waitFor();
  await page.getByText(/^Approved by .* on /).waitFor();
  await shot('risk-approved');

  // The criteria: the matrix grid is editable; a non-monotone cell is refused with its place.
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Risks', exact: true }).click();
  await page.getByRole('link', { name: 'Risk criteria', exact: true }).click();
  await page.getByLabel('Risk level for likelihood 3 and impact 3').selectOption('1');
  await page.getByRole('button', { name: 'Save the risk criteria' }).click();
  await page.getByText(/matrix\[2\]\[2\]/).waitFor();
  await shot('risk-criteria');

  // Cloud-specific risk sources for a service, by its role.
  await page.getByRole('link', { name: 'Risk register', exact: true }).click();
  await page.getByRole('button', { name: 'Show cloud risk sources' }).click();
  await page.getByRole('heading', { name: 'Cloud-specific risk sources' }).waitFor();
  await page.getByText('Inadequate backup of information (as provider)').waitFor();
  await shot('risk-cloud-sources');
}, { needsSession: true });

await scenario('scope and assets: services with roles, the both rule, filters, bulk edit, xlsx round trip, a level in use', async () => {
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Scope & services', exact: true }).click();
  await page.getByRole('heading', { name: 'Scope & services', level: 1 }).waitFor();
  await page.getByText(/デモクラウド株式会社のクラウドサービス事業本部/).waitFor();
  const saas = page.getByRole('row', { name: /まもり文書管理 \(SaaS\)/ });
  await saas.getByText('Provider and customer').waitFor();
  await saas.getByText('AWS 東京リージョン (IaaS)').waitFor();
  await saas.getByText('ISMAP').waitFor();
  await shot('scope-services');

  // A provider running on an outside IaaS must be "provider and customer" (JIP-ISMS517 4.1).
  await page.getByRole('button', { name: 'Add a service' }).click();
  const dlg = page.getByRole('dialog');
  await dlg.getByLabel('Service name').fill('e2e 分析 PaaS');
  await dlg.getByLabel('Service model').selectOption('paas');
  await dlg.getByLabel('Our role').selectOption('provider');
  await dlg.getByLabel('Outside cloud services').fill('AWS 東京リージョン (IaaS)');
  await dlg.getByLabel('Data stored in').fill('jp');
  await dlg.getByRole('button', { name: 'Save' }).click();
  await dlg.getByText(/the role must be both/).waitFor();
  await dlg.getByLabel('Our role').selectOption('both');
  await dlg.getByRole('button', { name: 'Save' }).click();
  await page.getByText('“e2e 分析 PaaS” was saved.').waitFor();

  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Assets', exact: true }).click();
  await page.getByRole('heading', { name: 'Asset inventory', level: 1 }).waitFor();
  await page.getByRole('cell', { name: '顧客文書データ', exact: true }).waitFor();
  await page.getByLabel('Data category').selectOption('derived_data');
  await page.getByRole('cell', { name: '文書メタデータ・アクセスログ', exact: true }).waitFor();
  assert((await page.getByRole('cell', { name: '顧客文書データ', exact: true }).count()) === 0, 'the filter keeps customer data');
  await shot('assets-derived');
  await page.getByRole('button', { name: 'Clear filters' }).click();

  // Bulk edit two assets.
  await page.getByLabel('Select “運用管理端末”').check();
  await page.getByLabel('Select “ソースコード”').check();
  await page.getByRole('button', { name: 'Edit the selected assets' }).click();
  const bulk = page.getByRole('dialog');
  await bulk.getByLabel('Owner').fill('e2e 責任者');
  await bulk.getByLabel('Availability').selectOption('2');
  await bulk.getByRole('button', { name: 'Apply' }).click();
  await page.getByText('2 assets were updated.').waitFor();
  await page.getByRole('row', { name: /運用管理端末.*e2e 責任者/ }).waitFor();

  // Export, and the same file back changes nothing.
  const [exported] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export to Excel' }).click()]);
  assert(exported.suggestedFilename() === 'assets.xlsx', `export name: ${exported.suggestedFilename()}`);
  const file = await exported.path();
  await page.getByRole('button', { name: 'Import from Excel' }).click();
  await page.getByLabel('Asset inventory file (.xlsx)').setInputFiles(file);
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await page.getByText(/^Imported: 0 added, 0 updated, \d+ unchanged\.$/).waitFor();

  // 機密性3 is in use: removing it is refused, naming the assets.
  await page.getByRole('button', { name: labelled('Delete', 'Confidentiality 3') }).click();
  await page.getByRole('alert').getByText(/顧客文書データ/).waitFor();
  await shot('assets-scheme-in-use');
}, { needsSession: true });

await scenario('SoA: the demo violation, a finding leading to its row, inline fix, diff with version 1, approval, print', async () => {
  await page.getByRole('navigation', { name: 'Main workflows' }).getByRole('link', { name: 'Statement of Applicability', exact: true }).click();
  await page.getByRole('heading', { name: 'Statement of Applicability', level: 1 }).waitFor();
  await page.getByText('1 errors').waitFor();
  await shot('soa-list');
  await page.getByRole('link', { name: 'まもり文書管理 (SaaS)' }).click();
  await page.getByRole('heading', { name: 'まもり文書管理 (SaaS)', level: 1 }).waitFor();
  assert(await page.getByRole('button', { name: 'Approve', exact: true }).isDisabled(), 'approval must wait for the error');
  await page.getByRole('tab', { name: /^Findings/ }).click();
  await page.getByText(/CLD\.8\.1\.5 is adopted while its base control Annex A 7\.14 is excluded/).waitFor();
  await shot('soa-findings');
  await page.getByRole('button', { name: 'Show the row of CLD.8.1.5' }).click();
  await page.locator('tr.soa-focus').waitFor();

  // 7.14 applicable again, with its status: the finding goes.
  await page.getByLabel('Applicability of 7.14', { exact: true }).selectOption('yes');
  await page.getByLabel('Implementation status of 7.14', { exact: true }).waitFor();
  await page.getByLabel('Implementation status of 7.14', { exact: true }).selectOption('implemented');
  await page.locator('.page-header').getByText('No findings').waitFor();
  await shot('soa-rows');

  await page.getByRole('tab', { name: 'Versions and diff' }).click();
  await page.getByRole('cell', { name: /初版/ }).waitFor();
  await page.locator('.soa-diff').getByText('5.7', { exact: true }).waitFor();
  await shot('soa-diff');

  await page.getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByRole('dialog').getByLabel('Approval comment').fill('e2e: 7.14 の除外を取り消し');
  await page.getByRole('dialog').getByRole('button', { name: 'Approve', exact: true }).click();
  await page.getByText('Approved as version 2.').waitFor();

  await page.emulateMedia({ media: 'print' });
  await page.locator('.soa-print-header').getByText('Draft after version 2').waitFor();
  await shot('soa-print');
  await page.emulateMedia({ media: 'screen' });
}, { needsSession: true });

await scenario('no Content-Security-Policy violations or page errors', async () => {
  assert(problems.length === 0, problems.join('\n'));
});

await context.close();
rmSync(userDataDir, { recursive: true, force: true });

const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed;
console.log(`\nscreenshots: ${SHOTS} (${readdirSync(SHOTS).filter((f) => f.endsWith('.png')).length} files)`);
console.log(`time: ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
