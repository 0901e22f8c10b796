/**
 * `npm run build:site`: builds the production site only when its sources changed since the last
 * build (the same check `npm start` makes). `npm test` runs it before the integration gate,
 * whose route and room tests serve the real site.
 */
import { buildIsCurrent, buildSite } from './site';

if (buildIsCurrent()) {
  console.log('The site build is current.');
} else {
  await buildSite((line) => console.log(line));
}
