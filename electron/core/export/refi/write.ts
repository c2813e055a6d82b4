import { closeSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import type { Label } from '../../../../shared/model';
import type { Db } from '../../store/db';
import { readCodebook } from '../../store/codebook';
import { countInScope, readScope, type ExportItem } from '../../store/export';
import { commitFile, discard, prepareDestination, sizeOnDisk } from '../output';
import { codePointText, exportLabel, orderedAttrs, snakeKey } from '../spans';
import { ExportError, type ExportControl, type ExportOptions, type ExportResult } from '../types';
import { attrs, describe, guidOf, QDA_NAMESPACE, xmlText } from './xml';

/** Colours the app gives the labels (renderer styles), so another tool shows the same codes alike. */
const LABEL_COLOURS: Record<Label, string> = { event: '#d9480f', claim: '#1971c2', actor: '#2f9e44', figure: '#9c36b5' };
const LABEL_NOTES: Record<Label, string> = {
  event: 'Something that happened. Child codes are the library’s event types and sub-types (ACLED’s and the analyst’s own).',
  claim: 'Something someone says is so.',
  actor: 'A person, organisation, state or armed group.',
  figure: 'A number the article reports.',
};
const LABEL_ORDER: Label[] = ['event', 'claim', 'actor', 'figure'];

/** Longest stretch of synchronous work between two turns of the event loop (progress and cancel are heard). */
const SLICE_MS = 15;

interface CodeNode {
  guid: string;
  name: string;
  children: Map<string, CodeNode>;
}

/**
 * REFI-QDA (QDA-XML 1.0): a `.qdpx` zip holding `project.qde` and each article's text as
 * `Sources/<guid>.txt` (UTF-8). Labels are codes, with the codebook's event types and sub-types
 * as child codes of EVENT; each span is one PlainTextSelection on its article's TextSource, its
 * positions in Unicode code points as the standard counts them (10.2), end exclusive as
 * QualCoder and ATLAS.ti read them, coded with its most specific code; its attributes are its
 * Description and its note a Note it refers to. Authors are Users.
 */
export async function exportRefi(db: Db, options: ExportOptions, control: ExportControl = {}): Promise<ExportResult> {
  const { signal } = control;
  const out = resolve(options.out);
  const tmp = await prepareDestination(out, 'file', db.memory ? null : db.name);
  const fd = openSync(tmp, 'wx');
  let closed = false;
  const close = () => {
    if (!closed) closeSync(fd);
    closed = true;
  };
  try {
    let failed: Error | null = null;
    const zip = new Zip((err, chunk) => {
      if (err) failed = err;
      else writeSync(fd, chunk);
    });
    const codes = codeTree(db);
    const users = new Map<string, string>();
    const notes: string[] = [];
    const sources: string[] = [];
    const scope = options.scope ?? {};
    const total = countInScope(db, scope);
    control.onProgress?.(0, total);
    let articles = 0;
    let spans = 0;
    let conflictsLeftOut = 0;
    let slice = performance.now();
    for (const page of readScope(db, scope, { labels: options.labels, pageSize: options.pageSize })) {
      for (const item of page) {
        if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
        const guid = guidOf('article', item.article.id);
        const file = new ZipDeflate(`Sources/${guid}.txt`, { level: 6 });
        zip.add(file);
        file.push(Buffer.from(item.article.text, 'utf8'), true);
        sources.push(textSource(item, guid, codes, users, notes));
        articles++;
        spans += item.annotations.length;
        conflictsLeftOut += item.conflictCopiesLeftOut;
        if (failed) throw failed;
        if (performance.now() - slice >= SLICE_MS) {
          control.onProgress?.(articles, total);
          await new Promise<void>((r) => setImmediate(r));
          slice = performance.now();
        }
      }
    }
    const qde = new ZipDeflate('project.qde', { level: 6 });
    zip.add(qde);
    qde.push(Buffer.from(project(codes, users, sources, notes), 'utf8'), true);
    zip.end();
    if (failed) throw failed;
    close();
    if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
    control.onProgress?.(articles, articles);
    const bytes = await sizeOnDisk(tmp);
    await commitFile(tmp, out);
    return {
      articles,
      spans,
      conflictsLeftOut,
      bytes,
      out,
      notes: [`REFI-QDA project (QDA-XML 1.0): ${articles} source(s), ${spans} selection(s), ${users.size} user(s); positions in Unicode code points`],
    };
  } catch (err) {
    close();
    await discard(tmp);
    if (signal?.aborted) throw new ExportError('cancelled', 'export cancelled');
    throw err;
  }
}

function codeTree(db: Db): Map<string, CodeNode> {
  const roots = new Map<string, CodeNode>();
  for (const label of LABEL_ORDER) roots.set(label, { guid: guidOf('code', exportLabel(label)), name: exportLabel(label), children: new Map() });
  const event = roots.get('event') as CodeNode;
  for (const t of readCodebook(db).types) {
    const type = childCode(event, t.type);
    for (const s of t.subTypes) childCode(type, s);
  }
  return roots;
}

function childCode(parent: CodeNode, name: string): CodeNode {
  let node = parent.children.get(name);
  if (!node) {
    node = { guid: guidOf('code', `${parent.name}\u0000${name}`), name, children: new Map() };
    parent.children.set(name, node);
  }
  return node;
}

function userGuid(users: Map<string, string>, author: string): string | null {
  if (author === '') return null;
  let guid = users.get(author);
  if (!guid) users.set(author, (guid = guidOf('user', author)));
  return guid;
}

function textSource(item: ExportItem, guid: string, codes: Map<string, CodeNode>, users: Map<string, string>, notes: string[]): string {
  const { article } = item;
  const cp = codePointText(article.text);
  const description = describe([
    ['spanwise_id', article.id],
    ['source', article.source],
    ['url', article.url],
    ['author', article.author],
    ['published_at', article.publishedAt],
    ['language', article.language],
  ]);
  let xml = `<TextSource${attrs({ guid, name: article.title, plainTextPath: `internal://${guid}.txt`, creationDateTime: article.importedAt, modifiedDateTime: article.updatedAt })}>`;
  if (description) xml += `<Description>${xmlText(description)}</Description>`;
  for (const a of item.annotations) {
    const root = codes.get(a.label) as CodeNode;
    const type = a.label === 'event' && typeof a.attrs.type === 'string' && a.attrs.type !== '' ? childCode(root, a.attrs.type) : null;
    const code = type && typeof a.attrs.subType === 'string' && a.attrs.subType !== '' ? childCode(type, a.attrs.subType) : (type ?? root);
    const creator = userGuid(users, a.author);
    const sel = guidOf('selection', a.id);
    const quote = article.text.slice(a.start, a.end);
    const details = describe([['spanwise_id', a.id], ...orderedAttrs(a.label, a.attrs).map(([k, v]) => [snakeKey(k), v] as [string, string | number])]);
    xml += `<PlainTextSelection${attrs({
      guid: sel,
      name: quote.length > 200 ? `${quote.slice(0, 199)}…` : quote,
      startPosition: cp.toCodePoint(a.start),
      endPosition: cp.toCodePoint(a.end),
      creatingUser: creator,
      creationDateTime: a.createdAt,
      modifyingUser: creator,
      modifiedDateTime: a.updatedAt,
    })}>`;
    if (details) xml += `<Description>${xmlText(details)}</Description>`;
    xml += `<Coding${attrs({ guid: guidOf('coding', a.id), creatingUser: creator, creationDateTime: a.createdAt })}><CodeRef targetGUID="${code.guid}"/></Coding>`;
    if (a.note !== '') {
      const note = guidOf('note', a.id);
      notes.push(`<Note${attrs({ guid: note, name: `Note on “${quote.length > 60 ? `${quote.slice(0, 59)}…` : quote}”`, creatingUser: creator, creationDateTime: a.updatedAt })}><PlainTextContent>${xmlText(a.note)}</PlainTextContent></Note>`);
      xml += `<NoteRef targetGUID="${note}"/>`;
    }
    xml += '</PlainTextSelection>';
  }
  return `${xml}</TextSource>\n`;
}

function codeXml(node: CodeNode, label: Label | null): string {
  const description = label ? `<Description>${xmlText(LABEL_NOTES[label])}</Description>` : '';
  const children = [...node.children.values()].map((c) => codeXml(c, null)).join('');
  return `<Code${attrs({ guid: node.guid, name: node.name, isCodable: true, color: label ? LABEL_COLOURS[label] : null })}>${description}${children}</Code>\n`;
}

function project(codes: Map<string, CodeNode>, users: Map<string, string>, sources: string[], notes: string[]): string {
  const now = new Date().toISOString();
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="${QDA_NAMESPACE}"${attrs({ name: 'Spanwise export', origin: 'Spanwise', creationDateTime: now, modifiedDateTime: now })}>\n`;
  // The schema's sequence: Users, CodeBook, (Variables, Cases,) Sources, Notes.
  if (users.size > 0) xml += `<Users>${[...users].map(([name, guid]) => `<User${attrs({ guid, name })}/>`).join('')}</Users>\n`;
  xml += `<CodeBook><Codes>\n${[...codes].map(([label, node]) => codeXml(node, label as Label)).join('')}</Codes></CodeBook>\n`;
  if (sources.length > 0) xml += `<Sources>\n${sources.join('')}</Sources>\n`;
  if (notes.length > 0) xml += `<Notes>\n${notes.join('\n')}\n</Notes>\n`;
  return `${xml}</Project>\n`;
}
