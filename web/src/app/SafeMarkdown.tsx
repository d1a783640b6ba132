import type { ReactNode } from 'react';
import Markdown, { type Components } from 'react-markdown';

/** Schemes a link from people may use; anything else with a scheme (javascript:, data:, vbscript:, file:…) is not a link. */
const SAFE_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/**
 * Whether a link from Markdown may be followed: http(s), mailto, or relative (a path, `?query`, `#anchor`). Browsers
 * ignore tabs, newlines and leading control characters in a URL (`java\tscript:` runs), so the scheme is judged
 * without them.
 */
export function isSafeLink(url: string): boolean {
  const probe = url.replace(/[\u0000-\u0020\u007f]/g, '');
  if (probe === '') return false;
  // A colon before any `/`, `?` or `#` ends a scheme (whatever it is made of); without one the link is relative.
  const colon = probe.indexOf(':');
  const path = probe.search(/[/?#]/);
  if (colon === -1 || (path !== -1 && path < colon)) return true;
  return SAFE_SCHEMES.has(probe.slice(0, colon + 1).toLowerCase());
}

const asBoldParagraph = ({ children }: { children?: ReactNode }) => (
  <p>
    <strong>{children}</strong>
  </p>
);

const image: Components['img'] = ({ alt }) => <span>{alt ? `[afbeelding: ${alt}]` : '[afbeelding]'}</span>;

/** A link only where it is safe; an unsafe one stays as its text (never `<a href="">`, which would reload the page). */
const link: Components['a'] = ({ href, children }) =>
  href && isSafeLink(href) ? (
    <a href={href} rel="noopener noreferrer nofollow">
      {children}
    </a>
  ) : (
    <span>{children}</span>
  );

/** Headings inside a page's own section (under an h3): one or two levels below it, never above. */
const NESTED: Components = {
  h1: ({ node: _node, ...props }) => <h4 {...props} />,
  h2: ({ node: _node, ...props }) => <h4 {...props} />,
  h3: ({ node: _node, ...props }) => <h5 {...props} />,
  h4: ({ node: _node, ...props }) => <h5 {...props} />,
  h5: ({ node: _node, ...props }) => <h6 {...props} />,
  img: image,
  a: link,
};

/** Headings in short texts such as comments: bold paragraphs, so that they do not break the page's outline. */
const FLAT: Components = {
  h1: asBoldParagraph,
  h2: asBoldParagraph,
  h3: asBoldParagraph,
  h4: asBoldParagraph,
  h5: asBoldParagraph,
  h6: asBoldParagraph,
  img: image,
  a: link,
};

/**
 * Markdown written by people (plan sections, proposal descriptions, comments), rendered without raw HTML: no script,
 * markup, image from elsewhere or javascript:/data: link from user text ever runs or loads. Links keep
 * `rel="noopener noreferrer nofollow"`; images show their description instead.
 */
export function SafeMarkdown({ text, headings = 'nested', className }: { text: string; headings?: 'nested' | 'bold'; className?: string }) {
  return (
    <div className={className ? `markdown ${className}` : 'markdown'}>
      <Markdown skipHtml urlTransform={(url) => (isSafeLink(url) ? url : '')} components={headings === 'bold' ? FLAT : NESTED}>
        {text}
      </Markdown>
    </div>
  );
}
