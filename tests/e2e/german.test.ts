import { describe, expect, test } from 'vitest';
import { chromiumWithServers } from '../support/setup';
import { markerText } from '../support/page-marker';

const setup = chromiumWithServers({ extraArgs: ['--lang=de'], locale: 'de-DE' });

describe('in a German browser', () => {
  test('the badge title, page marker, popup and options speak German', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    // The first refusal turns on Chrome's detail capture; after a reload the cookies are seen.
    await page.reload();
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    expect(await setup.browser.badgeTitle(tabId)).toContain('1 Anfrage wurde auf dieser Seite abgewiesen');
    await expect.poll(() => markerText(page)).toContain('Warum?');
    const popup = await setup.browser.openPopup(tabId);
    // The popup follows the tab: the reloaded page's refusal arrives a moment after its script is done.
    await expect.poll(async () => (await popup.locator('main').textContent()) ?? '').toContain('Ihre Sitzung ist abgelaufen');
    const text = (await popup.locator('main').textContent()) ?? '';
    expect(text).toContain('Warum wir das annehmen');
    expect(text).toContain('Cookies und Websitedaten nur dieser Website löschen');
    expect(text).toContain('Der Server hat in seiner Antwort diese Cookies gelöscht');
    // The developer view's labels too; the header names stay as HTTP spells them.
    const dev = await setup.browser.context.newPage();
    await dev.goto(setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}&view=developer`));
    await dev.getByTestId('timeline-item').first().waitFor();
    const devText = await dev.locator('main').innerText();
    expect(devText).toContain('Anfrage: Cookie');
    expect(devText).toContain('Antwort: WWW-Authenticate');
    expect(devText).not.toMatch(/Request:|Response:|\(none\)/);
    const options = await setup.browser.context.newPage();
    await options.goto(setup.browser.extensionUrl('src/options/options.html'));
    await expect.poll(() => options.locator('main').innerText()).toContain('Ignorierte Websites');
    await Promise.all([popup.close(), dev.close(), options.close(), page.close()]);
  });
});
