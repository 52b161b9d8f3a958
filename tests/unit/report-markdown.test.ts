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

/**
 * GitHub links more than CommonMark does: a bare `www.` or `http://` address, `@name` (a mention
 * that notifies), `#12` and `GH-7` (issue links), `:rocket:` (an emoji). markdown-it's linkify
 * covers the addresses; the others are GitHub's own, so they are checked by where they are: text a
 * server or page controls must sit in code spans, where none of them applies.
 */
const MENTIONS = 'details at www.help-desk.example or http://help-desk.example/x, cc @maintainers #12 :rocket: GH-7 owner/repo#3';
const MENTION_PARTS = /help-desk|@maintainers|#12|:rocket:|GH-7|repo#3/;

function mentioningReport(payload: string): string {
  const escaped = payload.replace(/"/g, '\\"');
  const log = createTabLog(1);
  log.pageUrl = 'http://help-desk.example/@maintainers';
  const record = buildRefusalRecord(
    responseEvent({
      url: `http://help-desk.example/@maintainers/:rocket:/?q=${encodeURIComponent(payload)}`,
      method: 'POST',
      statusLine: `HTTP/1.1 401 ${payload}`,
      responseHeaders: [
        { name: 'WWW-Authenticate', value: `${payload.split(' ')[2]} realm="x"` },
        { name: 'WWW-Authenticate', value: `Bearer realm="${escaped}", error="invalid_token", error_description="${escaped}", scope="${escaped}"` },
        { name: 'Date', value: payload },
        { name: 'Server', value: `Apache ${payload}` },
        { name: 'Via', value: payload },
        { name: 'Content-Type', value: payload },
        { name: 'Set-Cookie', value: `${payload.replace(/[ =;,]/g, '_')}=1; Max-Age=0` },
      ],
    }),
    { sent: { observed: true, authorizationScheme: 'Bearer', authorizationWithoutScheme: false, cookies: true, cookieCount: 2, token: null, notableHeaders: ['x-api-key'] }, preflight: false },
    '1-1',
  );
  record.sent.token = { format: 'jwt', algorithm: payload, expiresAt: 1, notBefore: null, issuedAt: null, issuerHost: 'www.help-desk.example', audience: payload, audienceCount: 1 };
  record.count = 3;
  record.lastSeen = record.firstSeen + 5_000;
  addRefusal(log, record);
  const diagnosis = diagnose(log.records, { now: 0, pageUrl: log.pageUrl, t: en });
  return buildReport(log, diagnosis, { browser: payload, extensionVersion: '0.1.0', now: 0 }, en);
}

describe('the report makes no link, mention, issue reference or emoji of what a server or page wrote', () => {
  it('rendered with linkify: not one link; outside code spans none of the words GitHub would turn into one', () => {
    const report = mentioningReport(MENTIONS);
    const html = markdown.render(report);
    expect(html).not.toContain('<a ');
    const outsideCode = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
    expect(outsideCode).not.toMatch(MENTION_PARTS);
    // The server's words are still there, in code.
    expect(html).toContain('<code>');
    expect(html.match(/<code>[^<]*@maintainers/g)?.length).toBeGreaterThan(3);
  });

  it('every evidence line quotes the server in a code span whose fence outlasts any backticks inside', () => {
    for (const payload of ['a ` b', 'x `` y ``` z', '`lead', 'trail`', MENTIONS]) {
      const report = mentioningReport(payload);
      const causes = report.slice(report.indexOf(`## ${en('report_causes')}`), report.indexOf(`## ${en('requests_title')}`));
      const evidence = causes.split('\n').filter((line) => line.startsWith('- '));
      expect(evidence.length).toBeGreaterThan(3);
      const html = markdown.render(report);
      // The description comes back whole, in one code element.
      expect(html).toContain(`<code>${markdown.utils.escapeHtml(payload)}</code>`);
      expect(html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '')).not.toContain(payload.trim());
    }
  });
});
