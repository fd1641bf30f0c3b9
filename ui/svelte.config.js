import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

export default {
  preprocess: vitePreprocess(),
  // Styles go into the bundled CSS file: the CSP allows no inline styles.
  compilerOptions: { css: 'external' },
};
