/**
 * No dead internal links in the lessons: /learn/<slug> must be a lesson (and #anchor one of its
 * headings); any other path must be a route of the site (a folder in app/ with a page or route
 * file) or one of the lab server's own routes (lab-server/routes.ts).
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { anchorsOf, internalLinks, readLessonSource } from '../../content/lesson-source';
import { LESSONS, lessonBySlug } from '../../content/nav';

function appRoutes(dir = 'app', prefix: string[] = []): RegExp[] {
  const found: RegExp[] = [];
  const entries = readdirSync(dir, { withFileTypes: true });
  if (entries.some((e) => e.isFile() && /^(page|route)\.(tsx?|mdx?)$/.test(e.name))) {
    const pattern = prefix
      .filter((s) => !/^\(.*\)$/.test(s)) // route groups do not appear in the URL
      .map((s) =>
        /^\[\[?\.\.\./.test(s)
          ? '.*'
          : /^\[.*\]$/.test(s)
            ? '[^/]+'
            : s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
      );
    found.push(new RegExp(`^/${pattern.join('/')}$`.replace(/\/\$$/, '/?$')));
  }
  for (const e of entries) {
    if (e.isDirectory() && !e.name.startsWith('_') && !e.name.startsWith('@')) {
      found.push(...appRoutes(path.join(dir, e.name), [...prefix, e.name]));
    }
  }
  return found;
}

function labServerRoutes(): string[] {
  const file = path.join('lab-server', 'routes.ts');
  if (!existsSync(file)) return [];
  return [...readFileSync(file, 'utf8').matchAll(/case '(\/[^']*)'/g)].map((m) => m[1]!);
}

const routes = appRoutes();
const labRoutes = labServerRoutes();
const isRoute = (p: string) => labRoutes.includes(p) || routes.some((r) => r.test(p));

test('app/ routes are discovered', () => {
  for (const p of ['/', '/learn', '/learn/pieces-and-hashes', '/join']) {
    assert.ok(isRoute(p), `${p} should be a route`);
  }
  assert.ok(!isRoute('/no-such-page'));
});

for (const lesson of LESSONS) {
  test(`${lesson.slug}: internal links resolve`, () => {
    const dead: string[] = [];
    for (const link of internalLinks(readLessonSource(lesson.slug))) {
      const [pathname = '', anchor] = link.split('#');
      const learn = /^\/learn\/([^/]+)$/.exec(pathname);
      if (learn && pathname !== '/learn/handout') {
        const target = lessonBySlug(learn[1]!);
        if (!target) dead.push(`${link} (no such lesson)`);
        else if (anchor && !anchorsOf(readLessonSource(target.slug)).includes(anchor)) {
          dead.push(`${link} (no heading #${anchor} in ${target.slug})`);
        }
      } else if (!isRoute(pathname)) {
        dead.push(`${link} (no route in app/ or lab-server/routes.ts)`);
      }
    }
    assert.deepEqual(dead, [], 'dead links');
  });
}
