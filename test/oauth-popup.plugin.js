// wtr plugin: lets a browser test act inside the OAuth popup its page opened (a real Chromium window on
// another origin, out of the test page's reach), the way a user would: click a button by its name, or
// close the window. Browser side: `executeServerCommand('oauth-popup', { action: 'click', name: 'Approve' })`.
// Each test page has its own Playwright context, so only that page's popups are searched.

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function oauthPopupPlugin() {
  return {
    name: 'oauth-popup',
    async executeCommand({ command, payload = {}, session }) {
      if (command !== 'oauth-popup') return undefined;
      if (typeof session.browser.getPage !== 'function') throw new Error('oauth-popup needs the Playwright launcher');
      const page = session.browser.getPage(session.id);
      if (payload.action === 'count') return page.context().pages().filter((p) => p !== page && !p.isClosed()).length;
      const match = payload.urlIncludes ?? '/oauth/consent';
      const deadline = Date.now() + (payload.timeout ?? 10000);
      let popup;
      for (;;) {
        popup = page.context().pages().find((p) => p !== page && !p.isClosed() && p.url().includes(match));
        if (popup || Date.now() > deadline) break;
        await sleep(50);
      }
      if (payload.action === 'close') {
        if (popup) await popup.close();
        return !!popup;
      }
      if (!popup) throw new Error(`no open popup whose URL includes ${match}`);
      if (payload.action === 'text') return popup.locator('body').innerText();
      await popup.getByRole('button', { name: payload.name, exact: true }).click();
      return true;
    },
  };
}
