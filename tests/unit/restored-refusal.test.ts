/** Refusals read after the fact from a page's timing data: only what the entry says, redacted, never read as "no challenge" or "nothing sent". */
import { describe, expect, it } from 'vitest';
import { restoredRefusal } from '../../src/capture/restored-refusal';
import { diagnose } from '../../src/diagnosis/diagnose';
import { en } from '../../dev/i18n';

const page = { tabId: 4, url: 'https://shop.example/account', documentId: 'doc-9' };

describe('restoredRefusal', () => {
  it.each([
    ['navigation', 'main_frame'],
    ['fetch', 'xmlhttprequest'],
    ['xmlhttprequest', 'xmlhttprequest'],
    ['img', 'image'],
    ['script', 'script'],
    ['beacon', 'ping'],
    ['something-new', 'other'],
  ])('a %s entry becomes a %s record', (kind, type) => {
    const record = restoredRefusal({ url: 'https://shop.example/api/me', status: 401, kind }, page, 0, 1_000)!;
    expect(record.resourceType).toBe(type);
    expect(record.seenAfterStart).toBe(true);
    expect(record.sent.observed).toBe(false);
    expect(record.challenges).toEqual([]);
  });

  it('keeps only refusals, and redacts the URL as every record is', () => {
    expect(restoredRefusal({ url: 'https://shop.example/', status: 200, kind: 'navigation' }, page, 0, 1)).toBeNull();
    expect(restoredRefusal({ url: 'https://shop.example/', status: 0, kind: 'fetch' }, page, 0, 1)).toBeNull();
    const record = restoredRefusal({ url: 'https://shop.example/reset?token=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abcdefghijklmnop', status: 401, kind: 'fetch' }, page, 0, 1)!;
    expect(record.url).not.toContain('eyJ');
  });

  it('is explained as refused while the browser started, with a reload first; no cause reads the unseen headers as missing', () => {
    const record = restoredRefusal({ url: 'https://shop.example/api/me', status: 401, kind: 'fetch' }, page, 0, 1)!;
    const { causes } = diagnose([record], { now: 1, pageUrl: page.url, t: en });
    expect(causes.map((c) => c.id)).toEqual(['seen-after-start']);
    expect(causes[0]!.fixes[0]).toBe('reload');
  });
});
