// Issue 9's budget for all of dist/cdn/ is 35,840 B gzip-9. The kit does not meet it (see BENCHMARKS.md:
// Lit + the client + three complete elements come to ~47 kB after three slimming passes). Until it does,
// `npm run size -- --check` fails above a regression ceiling — lowered as the kit shrinks, so the size can
// only go down — and says plainly that the budget itself is missed. Read by tools/size.js and the bench report.
export const BUDGET_CDN_GZIP = 35840;
export const CEILING_CDN_GZIP = 47616;
