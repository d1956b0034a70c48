/**
 * The renderer's Content-Security-Policy, in one place for everything that serves the renderer: the `app:`
 * protocol (as a header), `renderer/index.html` (as a meta element), Vite's dev server and the e2e harness.
 *
 * Production allows only the app's own origin: no inline script or style, no remote origins at all (the renderer
 * never talks to the network; main does, through IPC). Vite's dev server injects every CSS module as a `<style>`
 * element (that is how hot reload swaps styles), which `style-src 'self'` blocks, leaving `npm run dev` unstyled;
 * the development policy adds `'unsafe-inline'` to `style-src` and nothing else. It is applied by a Vite plugin
 * that runs only while serving, never in a build. Plain data, no Electron: Vite's config imports it too.
 */

/** The directives both policies share, in order; `style-src` is the only one development changes. */
const productionDirectives: readonly (readonly [string, string])[] = [
  ['default-src', "'self'"],
  ['script-src', "'self'"],
  ['style-src', "'self'"],
  ['img-src', "'self' data:"],
  ['font-src', "'self'"],
  ['connect-src', "'self'"],
  ['object-src', "'none'"],
  ['base-uri', "'none'"],
  ['form-action', "'none'"],
  ['frame-ancestors', "'none'"],
];

function policy(directives: readonly (readonly [string, string])[]): string {
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Browsers ignore `frame-ancestors` in a meta element (with a console error); only the header carries it. */
function withoutFrameAncestors(directives: readonly (readonly [string, string])[]): (readonly [string, string])[] {
  return directives.filter(([name]) => name !== 'frame-ancestors');
}

/** The production policy, as main sends it with every `app:` response. */
export const rendererContentSecurityPolicy = policy(productionDirectives);

/** The production policy as `renderer/index.html` carries it in its meta element. */
export const rendererMetaContentSecurityPolicy = policy(withoutFrameAncestors(productionDirectives));

/** The policy Vite's dev server puts in that meta element instead: inline styles allowed, for its injected CSS. */
export const developmentContentSecurityPolicy = policy(
  withoutFrameAncestors(productionDirectives).map(([name, value]) => (name === 'style-src' ? ([name, `${value} 'unsafe-inline'`] as const) : ([name, value] as const))),
);

const metaPattern = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/**
 * `html` with its CSP meta element carrying `content`. Throws when the element is missing or carries another
 * policy than production's, so a change to index.html can never quietly leave the dev server without a policy.
 */
export function replaceMetaPolicy(html: string, content: string): string {
  const found = metaPattern.exec(html);
  if (found?.[2] !== rendererMetaContentSecurityPolicy) {
    throw new Error('renderer/index.html must carry the production Content-Security-Policy in its meta element (main/platform/content-security-policy.ts).');
  }
  return html.replace(metaPattern, `$1${content}$3`);
}
