/** Runs axe-core in a page (through the DevTools protocol, so extension pages' CSP does not block it). */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/** Violations of impact "serious" or "critical" (WCAG 2.1 A/AA rules and best practices), in Chromium (Playwright) or Firefox (Puppeteer). */
export async function seriousViolations(page: PlaywrightPage | PuppeteerPage): Promise<AxeViolation[]> {
  // Both drivers evaluate a source string or a function in the page; their typings differ only in overloads.
  const evaluate = page.evaluate.bind(page) as unknown as <R>(code: string | (() => Promise<R>)) => Promise<R>;
  await evaluate(axeSource);
  const violations = await evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
