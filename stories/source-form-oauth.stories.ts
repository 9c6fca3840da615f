import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/source-form/ab-source-form.js';
import type { AbSourceForm } from '../src/components/source-form/ab-source-form.js';
import type { EmbeddedClient } from '../src/api/client.js';
import type { RequestSpec } from '../src/api/http.js';
import type { SourceTemplate } from '../src/api/types.js';
import { OAUTH_CALLBACK_CHANNEL } from '../src/oauth/callback.js';
import hubspot from '../fixtures/connectors/hubspot/spec.json';

// OAuth sign-in states of <ab-source-form>, driven through the real flow with a stand-in client and a
// stand-in popup (no network, no real window): the play functions press "Sign in" like a user would.

const STATE = 'story-state';
const CONSENT_URL = `https://provider.example/oauth/authorize?client_id=story&response_type=code&state=${STATE}`;

const template: SourceTemplate = {
  id: 'tpl-hubspot',
  name: 'HubSpot',
  icon: '/fixtures/connectors/hubspot/icon.svg',
  source_definition_id: (hubspot as { definitionId: string }).definitionId,
  user_config_spec: { connectionSpecification: hubspot.connectionSpecification, advanced_auth: hubspot.advanced_auth } as SourceTemplate['user_config_spec'],
  partial_default_config: {},
} as SourceTemplate;

/** A client that serves the HubSpot template and answers the OAuth calls (the consent URL; `complete` never). */
function fakeClient(): EmbeddedClient {
  return {
    getSourceTemplate: async () => template,
    getWorkspaceId: async () => 'ws-story',
    request: (spec: RequestSpec) =>
      spec.path.endsWith('/get_embedded_consent_url') ? Promise.resolve({ consent_url: CONSENT_URL }) : new Promise(() => {}),
  } as unknown as EmbeddedClient;
}

/** A window-like object standing in for the popup (the flow navigates and polls it). */
const fakePopup = () => ({ closed: false, location: { href: '' }, close() {}, focus() {} }) as unknown as Window;

async function ready(canvas: HTMLElement): Promise<AbSourceForm> {
  const el = canvas.querySelector('ab-source-form')!;
  for (let i = 0; i < 100 && !el.shadowRoot?.querySelector('[part~="oauth-button"]'); i++) await new Promise((r) => setTimeout(r, 20));
  return el;
}

/** Presses "Sign in" with `window.open` answering `popup` (null = blocked). */
async function signIn(el: AbSourceForm, popup: Window | null) {
  const open = window.open;
  window.open = () => popup;
  try {
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="oauth-button"]')!.click();
  } finally {
    window.open = open;
  }
  for (let i = 0; i < 100 && !el.shadowRoot!.querySelector('[part~="oauth-cancel"]'); i++) await new Promise((r) => setTimeout(r, 20));
  await new Promise((r) => setTimeout(r, 50));
}

interface Args {
  theme: 'light' | 'dark' | 'auto';
}

const meta: Meta<Args> = {
  title: 'Elements/Source form/OAuth sign-in',
  component: 'ab-source-form',
  args: { theme: 'light' },
  argTypes: { theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] } },
  render: (a) => html`<ab-source-form
    template-id="tpl-hubspot"
    theme=${a.theme}
    oauth-redirect-url="/oauth-callback.html"
    .client=${fakeClient()}
    @ab-oauth=${(e: CustomEvent) => console.log('ab-oauth', e.detail)}
  ></ab-source-form>`,
  parameters: {
    docs: {
      description: {
        component:
          'Connectors with `advanced_auth` sign in with OAuth: a "Sign in with <connector>" button stands where the `predicate_key` field would be, the token fields are hidden and filled by the flow. The popup opens synchronously in the click handler; a blocked popup gets a link to open the consent page in a new tab. Every outcome fires `ab-oauth` `{status, message}`. These stories drive the real flow with a stand-in client and popup.',
      },
    },
  },
};
export default meta;

type Story = StoryObj<Args>;

/** Before signing in: the button, and no token fields. */
export const SignedOut: Story = {};

/** The consent page is open in the popup; Cancel is available. */
export const SigningIn: Story = {
  play: async ({ canvasElement }) => {
    await signIn(await ready(canvasElement), fakePopup());
  },
};

/** A config that already holds the tokens (e.g. editing a saved source): "Signed in" with Re-authenticate. */
export const SignedIn: Story = {
  render: (a) => html`<ab-source-form
    template-id="tpl-hubspot"
    theme=${a.theme}
    .client=${fakeClient()}
    .value=${{ credentials: { credentials_title: 'OAuth Credentials', client_id: 'sandbox-hubspot-client-id', client_secret: '**********', refresh_token: '**********' } }}
  ></ab-source-form>`,
};

/** The user pressed Deny on the provider's page (the callback carried `error=access_denied`). */
export const Denied: Story = {
  play: async ({ canvasElement }) => {
    const el = await ready(canvasElement);
    await signIn(el, fakePopup());
    const channel = new BroadcastChannel(OAUTH_CALLBACK_CHANNEL);
    channel.postMessage({ type: 'ab-oauth-callback', query: { error: 'access_denied', error_description: 'The user denied access.', state: STATE } });
    channel.close();
  },
};

/** The browser blocked the popup: a message and a link that opens the consent page in a new tab. */
export const Blocked: Story = {
  play: async ({ canvasElement }) => {
    await signIn(await ready(canvasElement), null);
  },
};
