#!/usr/bin/env node
// print.js - the dashboard as a reader sees it and as it prints, in
// headless chromium (tests/527-dashboard-print.t).
//
//   node print.js CHROMIUM PAGE.html OUT-DIR
//
// Writes OUT-DIR/screen.png (a screenshot) and OUT-DIR/page.pdf (A4
// landscape, as the page's print style asks), then prints facts a line
// each for the test to check:
//   progress-rects N     coloured columns drawn in the Progress chart
//   progress-rows N      rows of the Progress table
//   clipped N            tables wider than the printed page, or cut off
//   screenshot BYTES / pdf BYTES / pdf-pages N
'use strict';
const fs = require('fs');
const path = require('path');

let puppeteer;
try {
	puppeteer = require('puppeteer-core');
} catch (e) {
	console.error(`print.js: node modules missing (run npm ci in tests/a11y): ${e.message}`);
	process.exit(2);
}

async function main() {
	const [exe, file, outdir] = process.argv.slice(2);
	const browser = await puppeteer.launch({
		executablePath: exe, headless: true,
		args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
	});
	try {
		const page = await browser.newPage();
		await page.setViewport({ width: 1280, height: 900 });
		await page.goto('file://' + path.resolve(file), { waitUntil: 'load' });
		const shot = path.join(outdir, 'screen.png');
		await page.screenshot({ path: shot, fullPage: true });
		const screen = await page.evaluate(() => ({
			rects: document.querySelectorAll('#progress svg rect').length,
			rows: document.querySelectorAll('#progress tbody tr').length,
		}));
		// As printed: A4 landscape less 10 mm margins is about 1047 CSS pixels wide.
		await page.emulateMediaType('print');
		await page.setViewport({ width: 1047, height: 700 });
		const clipped = await page.evaluate(() => {
			const width = document.documentElement.clientWidth;
			let n = 0;
			for (const t of document.querySelectorAll('table')) {
				const r = t.getBoundingClientRect();
				if (r.right > width + 1 || t.scrollWidth > t.clientWidth + 1)
					n++;
			}
			return n;
		});
		const pdf = path.join(outdir, 'page.pdf');
		await page.pdf({ path: pdf, preferCSSPageSize: true, printBackground: true });
		const bytes = fs.readFileSync(pdf);
		const pages = (bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
		console.log(`progress-rects ${screen.rects}`);
		console.log(`progress-rows ${screen.rows}`);
		console.log(`clipped ${clipped}`);
		console.log(`screenshot ${fs.statSync(shot).size}`);
		console.log(`pdf ${bytes.length} ${bytes.subarray(0, 5).toString('latin1')}`);
		console.log(`pdf-pages ${pages}`);
	} finally {
		await browser.close();
	}
}

main().catch((e) => {
	console.error(`print.js: ${e.message}`);
	process.exit(2);
});
