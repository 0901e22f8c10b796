/** The lessons' search index (built from the MDX sources) and the search over it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { headingId } from '../../components/lesson/heading-id';
import { queryTerms, searchLessons } from '../../components/lesson/search';
import { LESSONS } from '../../content/nav';
import { plainText } from '../../content/lesson-source';
import { buildSearchIndex } from '../../content/search-index';

const index = buildSearchIndex();

test('heading ids are stable, lower-case and URL-safe', () => {
  assert.equal(headingId('Choking: tit-for-tat'), 'choking-tit-for-tat');
  assert.equal(headingId('What is illegal, and why'), 'what-is-illegal-and-why');
  assert.equal(headingId('The .torrent file'), 'the-torrent-file');
  assert.equal(headingId('  Réseau  local  '), 'reseau-local');
});

test('plain text drops markup, code fences stay as text, charts go', () => {
  const text = plainText(
    'Some **bold** and `code` with a [link](/join).\n\n<Note kind="note" title="Careful">\nInside.\n</Note>\n\n<Mermaid alt="A chart" chart={`\nflowchart LR\n  A --> B\n`} />',
  );
  assert.match(text, /Some bold and code with a link\./);
  assert.match(text, /Careful/);
  assert.match(text, /Inside\./);
  assert.doesNotMatch(text, /flowchart|<|\*\*/);
});

test('the index covers every lesson, with an intro entry and its sections', () => {
  assert.deepEqual(
    index.lessons.map((l) => l.slug),
    LESSONS.map((l) => l.slug),
  );
  LESSONS.forEach((_, i) => {
    const entries = index.entries.filter((e) => e.lesson === i);
    assert.ok(entries.length >= 4, `lesson ${i} has ${entries.length} entries`);
    assert.equal(entries[0]!.heading, null, 'the first entry is the intro');
    for (const e of entries)
      assert.doesNotMatch(e.text, /<[A-Z]|chart=|\]\(/, 'markup left in text');
  });
});

test('query terms: lower case, deduplicated, short noise dropped', () => {
  assert.deepEqual(queryTerms('  XOR  distance xor a '), ['xor', 'distance']);
  assert.deepEqual(queryTerms('the of'), ['the', 'of']);
  assert.deepEqual(queryTerms('BEP 5'), ['bep', '5']);
  assert.deepEqual(queryTerms('   '), []);
});

test('search finds the lesson about a topic, and links to the section', () => {
  const top = (q: string) => searchLessons(index, q)[0];
  assert.match(top('kademlia')?.href ?? '', /^\/learn\/without-a-tracker/);
  assert.match(
    top('optimistic unchoke')?.href ?? '',
    /^\/learn\/the-peer-wire#choking-tit-for-tat/,
  );
  assert.match(top('magnet link')?.href ?? '', /^\/learn\/pieces-and-hashes#magnet-links/);
  assert.match(top('Merkle')?.href ?? '', /^\/learn\/beyond-piracy#bittorrent-v2/);
  assert.match(top('hole punching')?.href ?? '', /^\/learn\/nat-and-firewalls#hole-punching/);
});

test('every word must match, and the snippet shows the match', () => {
  assert.deepEqual(searchLessons(index, 'kademlia zzzqqq'), []);
  const [hit] = searchLessons(index, 'rarest');
  assert.ok(hit);
  assert.ok(
    hit.snippet.some((p) => p.match && p.text.toLowerCase() === 'rarest'),
    'the match is highlighted',
  );
  assert.ok(searchLessons(index, 'the').length <= 8, 'results are capped');
});

test('a phrase matches across hyphens, and common words do not drown the query', () => {
  assert.deepEqual(queryTerms('what is the DHT'), ['dht']);
  const [hit] = searchLessons(index, 'tit for tat');
  assert.match(hit?.href ?? '', /^\/learn\/the-peer-wire#choking-tit-for-tat/);
  assert.ok(hit?.snippet.some((p) => p.match && /tit-for-tat/i.test(p.text)));
});
