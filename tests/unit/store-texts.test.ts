/**
 * The store texts say what the code does: every permission the manifests ask for is explained in
 * docs/store/permissions.md (a new permission cannot ship unexplained), and the privacy policy names
 * every storage area the code uses.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import manifest from '../../manifest.json' with { type: 'json' };
import { edgeManifest } from '../../scripts/edge-package';

const justification = readFileSync('docs/store/permissions.md', 'utf8');
const privacy = readFileSync('PRIVACY.md', 'utf8');

/** The permissions named in the first column of the justification table. */
const explained = new Set([...justification.matchAll(/^\| `([^`]+)`/gm)].map((m) => m[1]!));

describe('store texts match the manifest', () => {
  it('every permission, optional permission and host access is explained', () => {
    const asked = [...manifest.permissions, ...manifest.optional_permissions, ...manifest.host_permissions];
    expect(asked.length).toBeGreaterThan(5);
    for (const permission of asked) expect(explained, `docs/store/permissions.md does not explain "${permission}"`).toContain(permission);
  });

  it('no explanation is left for a permission the manifest no longer asks for', () => {
    const asked = new Set<string>([...manifest.permissions, ...manifest.optional_permissions, ...manifest.host_permissions]);
    for (const permission of explained) expect(asked, `docs/store/permissions.md explains "${permission}", which the manifest does not ask for`).toContain(permission);
  });

  it('the privacy policy names where data is kept and that nothing is sent', () => {
    for (const phrase of ['storage.session', 'storage.local', 'sends\nnothing anywhere', 'no telemetry', 'private (incognito) windows']) {
      expect(privacy.replace(/\s+/g, ' ')).toContain(phrase.replace(/\s+/g, ' '));
    }
    expect(manifest.incognito).toBe('not_allowed');
  });

  it('the listing texts exist in every language the extension speaks, with summaries the stores accept (132 characters)', () => {
    const languages = readdirSync('public/_locales');
    expect(languages.length).toBeGreaterThan(2);
    for (const lang of languages) {
      const listing = readFileSync(`docs/store/listing-${lang}.md`, 'utf8');
      const summary = /^\*\*(?:Summary|Kurzbeschreibung|Krótki opis)[^*]*:\*\* (.+)$/m.exec(listing)?.[1];
      expect(summary, `listing-${lang}.md has no summary`).toBeDefined();
      expect(summary!.length).toBeLessThanOrEqual(132);
    }
  });

  it('the Edge listing texts exist in English and German, name Edge and no other browser', () => {
    for (const lang of ['en', 'de']) {
      const listing = readFileSync(`docs/store/edge/listing-${lang}.md`, 'utf8');
      const summary = /^\*\*(?:Summary|Kurzbeschreibung)[^*]*:\*\* (.+)$/m.exec(listing)?.[1];
      expect(summary, `edge/listing-${lang}.md has no summary`).toBeDefined();
      expect(summary!.length).toBeLessThanOrEqual(132);
      expect(summary).toContain('Edge');
      expect(listing.match(/\b(chrome|chromium|google|firefox|mozilla|safari|opera|brave|vivaldi)\b/gi), `edge/listing-${lang}.md names another browser`).toBeNull();
    }
  });

  it("the Edge package's manifest is the Chromium build's without the Chrome Web Store's update_url", () => {
    const chrome = { manifest_version: 3, name: '__MSG_extName__', update_url: 'https://clients2.google.com/service/update2/crx', version: '1.0.0' };
    expect(JSON.parse(edgeManifest(JSON.stringify(chrome)))).toEqual({ manifest_version: 3, name: '__MSG_extName__', version: '1.0.0' });
  });
});
