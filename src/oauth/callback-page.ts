// Entry of the shipped callback page's script (dist/oauth-callback.js, dist/cdn/oauth-callback.js),
// bundled by tools/build.js. Its only job: relay the redirect to the opener and close.
import { relayOAuthCallback } from './callback.js';

relayOAuthCallback();
