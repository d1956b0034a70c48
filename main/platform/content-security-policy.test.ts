import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  developmentContentSecurityPolicy,
  rendererContentSecurityPolicy,
  rendererMetaContentSecurityPolicy,
  replaceMetaPolicy,
} from './content-security-policy';

const indexHtml = readFileSync(join(import.meta.dirname, '..', '..', 'renderer', 'index.html'), 'utf8');

function directives(policy: string): Map<string, string> {
  return new Map(policy.split('; ').map((directive) => [directive.split(' ')[0] ?? '', directive.split(' ').slice(1).join(' ')]));
}

describe('the production policy', () => {
  it('stays strict: the app itself only, no inline code or style, no framing', () => {
    expect(rendererContentSecurityPolicy).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    expect(rendererContentSecurityPolicy).not.toMatch(/https?:|\*|unsafe-inline|unsafe-eval/);
  });

  it('is what renderer/index.html carries, minus frame-ancestors (which only a header can carry)', () => {
    expect(indexHtml).toContain(`content="${rendererMetaContentSecurityPolicy}"`);
    expect(rendererMetaContentSecurityPolicy).toBe(rendererContentSecurityPolicy.replace("; frame-ancestors 'none'", ''));
  });
});

describe('the development policy', () => {
  it('differs from production only by allowing inline styles, which Vite injects', () => {
    const production = directives(rendererMetaContentSecurityPolicy);
    const development = directives(developmentContentSecurityPolicy);
    expect(development.get('style-src')).toBe("'self' 'unsafe-inline'");
    for (const [name, value] of production) if (name !== 'style-src') expect(development.get(name)).toBe(value);
    expect(development.size).toBe(production.size);
    expect(developmentContentSecurityPolicy).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('replaces the meta policy of index.html, and refuses a page without the production one', () => {
    const served = replaceMetaPolicy(indexHtml, developmentContentSecurityPolicy);
    expect(served).toContain(`content="${developmentContentSecurityPolicy}"`);
    expect(served).not.toContain(`content="${rendererMetaContentSecurityPolicy}"`);
    expect(() => replaceMetaPolicy('<html><head></head></html>', developmentContentSecurityPolicy)).toThrow(/production Content-Security-Policy/);
  });
});
