// Accessibility checks (axe-core) and screenshots of the HTML edition in Debian's Chromium.
//
// Driven by cvmbok.reader_checks, which serves the built site on 127.0.0.1 and calls:
//   node check-pages.mjs JOB.json
// JOB.json: {"base": "http://127.0.0.1:PORT/", "pages": ["index.html", ...],
//            "screenshots": [{"page": "index.html", "width": 390, "file": "/abs/x.png"}, ...],
//            "chromium": "/usr/bin/chromium", "profile": "/tmp/fresh-dir"}
// Prints one JSON object on stdout: {"pages": [{"page", "violations": [...], "thirdParty": [url, ...]}], "screenshots": [...]}.
// "thirdParty" is Chromium's request log for the page: every request to anything but the
// local server (refused here, so no network is used, and reported so the check fails).
// playwright-core never downloads a browser; it drives the one at `chromium`.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

async function audit(page, url) {
  const response = await page.goto(url, { waitUntil: "load" });
  if (!response || !response.ok()) {
    return { error: `HTTP ${response ? response.status() : "no response"}` };
  }
  await page.addScriptTag({ content: AXE_SOURCE });
  const result = await page.evaluate(async () => {
    // WCAG 2.x A and AA plus axe's best practices, the set readers' tools report.
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary })),
    }));
  });
  return { violations: result };
}

async function main() {
  const job = JSON.parse(readFileSync(process.argv[2], "utf8"));
  const context = await chromium.launchPersistentContext(job.profile, {
    executablePath: job.chromium,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    offline: false,
  });
  const out = { pages: [], screenshots: [] };
  try {
    const page = context.pages()[0] || (await context.newPage());
    let thirdParty = [];
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(job.base) && !url.startsWith("data:") && !url.startsWith("blob:") && url !== "about:blank") {
        thirdParty.push(url);
      }
    });
    // Only the local server: any other request (fonts, analytics) is refused, so no network is used.
    await page.route("**/*", (route) => {
      const url = route.request().url();
      return url.startsWith(job.base) || url.startsWith("data:") ? route.continue() : route.abort();
    });
    for (const name of job.pages) {
      thirdParty = [];
      const r = await audit(page, new URL(name, job.base).href);
      await page.waitForLoadState("networkidle").catch(() => {});
      out.pages.push({ page: name, ...r, thirdParty: [...new Set(thirdParty)] });
    }
    for (const shot of job.screenshots || []) {
      await page.setViewportSize({ width: shot.width, height: shot.height || 900 });
      await page.goto(new URL(shot.page, job.base).href, { waitUntil: "load" });
      await page.screenshot({ path: shot.file, fullPage: false });
      out.screenshots.push(shot);
    }
  } finally {
    await context.close();
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((err) => {
  process.stderr.write(`check-pages: ${err && err.stack ? err.stack : err}\n`);
  process.exit(3);
});
