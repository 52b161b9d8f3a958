import { describe, expect, test } from 'vitest';
import { markerText } from '../support/page-marker';
import { chromiumWithServers } from '../support/setup';

const setup = chromiumWithServers({ extraArgs: ['--lang=pl'], locale: 'pl-PL' });

/** The popup's summary line for a tab, once it shows `words`. */
async function summaryShows(tabId: number, words: string): Promise<void> {
  const popup = await setup.browser.openPopup(tabId);
  await expect.poll(async () => (await popup.getByTestId('summary').textContent()) ?? '').toContain(words);
  await popup.close();
}

describe('in a Polish browser', () => {
  test('the badge title, page marker, popup and options speak Polish', async () => {
    const { page, tabId } = await setup.browser.openTab(`${setup.site.origin}/shape/session-expired`);
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    // The first refusal turns on Chrome's detail capture; after a reload the cookies are seen.
    await page.reload();
    await page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(tabId)).toBe('1');
    expect(await setup.browser.badgeTitle(tabId)).toContain('na tej stronie odrzucono 1 żądanie (kod 401)');
    await expect.poll(() => markerText(page)).toContain('Dlaczego?');
    const popup = await setup.browser.openPopup(tabId);
    await expect.poll(async () => (await popup.locator('main').textContent()) ?? '').toContain('Twoja sesja wygasła');
    const text = (await popup.locator('main').textContent()) ?? '';
    expect(text).toContain('Dlaczego tak sądzimy');
    expect(text).toContain('Wyczyść pliki cookie i dane tej witryny');
    expect(text).toContain('Serwer usunął w odpowiedzi te pliki cookie');
    const dev = await setup.browser.context.newPage();
    await dev.goto(setup.browser.extensionUrl(`src/popup/popup.html?tabId=${tabId}&view=developer`));
    await dev.getByTestId('timeline-item').first().waitFor();
    const devText = await dev.locator('main').innerText();
    expect(devText).toContain('Żądanie: Cookie');
    expect(devText).toContain('Odpowiedź: WWW-Authenticate');
    expect(devText).not.toMatch(/Request:|Response:|\(none\)/);
    const options = await setup.browser.context.newPage();
    await options.goto(setup.browser.extensionUrl('src/options/options.html'));
    await expect.poll(() => options.locator('main').innerText()).toContain('Ignorowane witryny');
    await Promise.all([popup.close(), dev.close(), options.close(), page.close()]);
  });

  // Polish counts by three forms: 1 żądanie, 2–4 (and 22–24…) żądania, 5–21 żądań.
  test('counts take the Polish plural forms: 2 żądania (few), 5 żądań (many), odrzucone 2 razy', async () => {
    const two = await setup.browser.openTab(`${setup.site.origin}/flood?count=2&distinct=2`);
    await two.page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(two.tabId)).toBe('2');
    expect(await setup.browser.badgeTitle(two.tabId)).toContain('odrzucono 2 żądania (kod 401)');
    await expect.poll(() => markerText(two.page)).toContain('Na tej stronie odrzucono 2 żądania');
    await summaryShows(two.tabId, 'Na tej stronie odrzucono 2 żądania.');

    // Seven calls to five addresses: five refused requests, two of them refused twice.
    const five = await setup.browser.openTab(`${setup.site.origin}/flood?count=7&distinct=5`);
    await five.page.locator('#out[data-done]').waitFor();
    await expect.poll(() => setup.browser.badgeText(five.tabId)).toBe('5');
    expect(await setup.browser.badgeTitle(five.tabId)).toContain('odrzucono 5 żądań (kod 401)');
    await expect.poll(() => markerText(five.page)).toContain('Na tej stronie odrzucono 5 żądań');
    const popup = await setup.browser.openPopup(five.tabId);
    await expect.poll(async () => (await popup.getByTestId('summary').textContent()) ?? '').toContain('Na tej stronie odrzucono 5 żądań.');
    await expect.poll(async () => (await popup.locator('main').textContent()) ?? '').toContain('odrzucone 2 razy');
    await Promise.all([popup.close(), two.page.close(), five.page.close()]);
  });
});
