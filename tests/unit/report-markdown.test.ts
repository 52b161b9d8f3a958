/**
 * The copied report is pasted into issue trackers: rendered as GitHub does (raw HTML allowed,
 * bare URLs linked), nothing a server or page controls may become an image, a disguised link or HTML.
 */
import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import { buildRefusalRecord } from '../../src/capture/build-refusal-record';
import { addRefusal, createTabLog } from '../../src/capture/tab-log';
import { diagnose } from '../../src/diagnosis/diagnose';
import { codeSpan, escapeMarkdown } from '../../src/view/markdown';
import { buildReport } from '../../src/view/report';
import { en } from '../../dev/i18n';
import { responseEvent } from '../support/records';

const markdown = new MarkdownIt({ html: true, linkify: true });
const PIXEL = '![t](http://attacker.example/pixel.png)';
const HTML_PIXEL = '<img src="http://attacker.example/pixel2.png">';
const LINK = '[click](http://attacker.example/x)';

const PAYLOADS = [
  PIXEL,
  HTML_PIXEL,
  LINK,
  `\` ${PIXEL} \``,
  `\`\`${PIXEL}`,
  `\`\`\`\n${HTML_PIXEL}\n\`\`\``,
  `</code>${HTML_PIXEL}`,
  `\\${PIXEL}`,
  '<http://attacker.example/autolink>',
];

function hostileReport(payload: string): string {
  const log = createTabLog(1);
  log.pageUrl = 'https://app.example/';
  const record = buildRefusalRecord(
    responseEvent({
      statusLine: `HTTP/1.1 401 ${payload}`,
      responseHeaders: [
        { name: 'WWW-Authenticate', value: `Bearer realm="${payload.replace(/"/g, '\\"')}", error="invalid_token", error_description="${payload.replace(/"/g, '\\"')}"` },
        { name: 'Date', value: payload },
        { name: 'Server', value: payload },
        { name: 'Set-Cookie', value: `${payload}=1; Max-Age=0` },
      ],
    }),
    null,
    '1-1',
  );
  addRefusal(log, record);
  const diagnosis = diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en });
  return buildReport(log, diagnosis, { browser: payload, extensionVersion: '0.1.0', now: 0 }, en);
}

describe('the report as GitHub would render it', () => {
  it.each(PAYLOADS)('server text %j loads nothing and hides no link', (payload) => {
    const report = hostileReport(payload);
    const html = markdown.render(report);
    expect(html).not.toMatch(/<img|<script|<iframe|<b>/i);
    // GitHub links a bare URL it finds in text; that quotes the server and loads nothing. What must
    // never appear is a link whose text hides where it goes.
    const fromHtml = (html: string) => html.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    for (const [, href, text] of html.matchAll(/<a href="([^"]*)">(.*?)<\/a>/g)) expect(fromHtml(text!)).toBe(decodeURI(fromHtml(href!)));
    // The evidence still quotes the server, as text.
    expect(html).toContain('attacker.example');
  });

  it('a code span keeps its exact content whatever backticks it holds', () => {
    for (const text of ['plain', 'a`b', '``x``', '`lead', 'trail`', PIXEL]) {
      const html = markdown.renderInline(codeSpan(text));
      const escapedText = markdown.utils.escapeHtml(text);
      expect(html).toBe(`<code>${escapedText}</code>`);
    }
  });

  it('escaped evidence renders as the same words', () => {
    const line = `The server said: "${PIXEL} <b>x</b> *y* _z_ |a|"`;
    const plain = new MarkdownIt({ html: true });
    expect(plain.renderInline(escapeMarkdown(line))).toBe(plain.utils.escapeHtml(line));
  });
});
