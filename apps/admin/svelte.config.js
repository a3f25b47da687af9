import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  compilerOptions: { runes: true },
  kit: {
    adapter: adapter({ out: 'build' }),
    /*
     * Content-Security-Policy on every page. 'auto': SvelteKit puts a fresh nonce on the inline
     * scripts it writes into each server-rendered page (a hash on prerendered ones), so no script
     * runs that this app did not send. Everything else comes from this origin only.
     */
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        // Style elements only from our own files. Style attributes are allowed: Svelte's `style:`
        // directives render as attributes (bar widths, chart colours, the bottom bar's column
        // count), and an attribute cannot carry a nonce.
        'style-src-elem': ['self'],
        'style-src-attr': ['unsafe-inline'],
        // Browsers without the two directives above fall back to this one: keep pages drawn there.
        'style-src': ['self', 'unsafe-inline'],
        // data: for inline SVG images, blob: for photo previews before upload.
        'img-src': ['self', 'data:', 'blob:'],
        'font-src': ['self'],
        'connect-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self'],
        'frame-ancestors': ['none'],
      },
    },
  },
};

export default config;
