// cem infers events from `dispatchEvent(new SomeEvent(...))` and names them badly (e.g. `detail`).
// Every public event is documented with `@fires` in the class JSDoc, so keep only documented ones.
const documentedEventsOnly = () => ({
  name: 'documented-events-only',
  packageLinkPhase({ customElementsManifest }) {
    for (const mod of customElementsManifest.modules) {
      for (const decl of mod.declarations ?? []) {
        if (decl.events) decl.events = decl.events.filter((e) => e.name && e.description);
      }
    }
  },
});

export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts', 'src/**/*.styles.ts'],
  litelement: true,
  outdir: '.',
  plugins: [documentedEventsOnly()],
};
