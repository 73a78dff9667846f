#!/usr/bin/env node
// audit.js - axe-core's WCAG 2.x A/AA rules in headless chromium, run
// against HTML files lp wrote (tests/525-a11y.t).
//
//   node audit.js CHROMIUM FILE.html...
//
// For each file, one line "FILE N" (N: elements in violation, summed over
// rules), then for each violation the rule, its impact, how many nodes
// and the first few targets.  Exit 0 when no file has a violation, 1 when
// one has, 2 when the browser or the modules could not be used.
'use strict';
const path = require('path');

// AUDIT_TAGS (comma-separated) widens the audit, e.g. to best-practice.
const TAGS = process.env.AUDIT_TAGS ? process.env.AUDIT_TAGS.split(',') :
    ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

let axe, puppeteer;
try {
	axe = require('axe-core');
	puppeteer = require('puppeteer-core');
} catch (e) {
	console.error(`audit.js: node modules missing (run npm ci in tests/a11y): ${e.message}`);
	process.exit(2);
}

async function audit(browser, file) {
	const page = await browser.newPage();
	try {
		// The pages forbid scripts by CSP; axe is injected through the
		// debugging protocol, which the page's policy must not block.
		await page.setBypassCSP(true);
		await page.setViewport({ width: 1280, height: 900 });
		await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
		await page.evaluate(axe.source);
		return await page.evaluate((tags) =>
			window.axe.run(document, {
				runOnly: { type: 'tag', values: tags },
				resultTypes: ['violations'],
			}), TAGS);
	} finally {
		await page.close();
	}
}

async function main() {
	const [exe, ...files] = process.argv.slice(2);
	if (!exe || files.length === 0) {
		console.error('usage: audit.js CHROMIUM FILE.html...');
		process.exit(2);
	}
	let browser;
	try {
		browser = await puppeteer.launch({
			executablePath: exe,
			headless: true,
			args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
			    '--allow-file-access-from-files'],
		});
	} catch (e) {
		console.error(`audit.js: cannot start ${exe}: ${e.message}`);
		process.exit(2);
	}
	let bad = 0;
	try {
		for (const f of files) {
			const r = await audit(browser, f);
			const n = r.violations.reduce((s, v) => s + v.nodes.length, 0);
			console.log(`${f} ${n}`);
			for (const v of r.violations) {
				const targets = v.nodes.slice(0, 3).map((x) => x.target.join(' ')).join(' | ');
				console.log(`  ${v.id} (${v.impact}) ${v.nodes.length}: ${v.help} [${targets}]`);
			}
			if (n)
				bad = 1;
		}
	} finally {
		await browser.close();
	}
	process.exit(bad);
}

main().catch((e) => {
	console.error(`audit.js: ${e.stack || e}`);
	process.exit(2);
});
