import type { Annotation, Article } from '../../../shared/model';
import { compareTextOrder, withPut } from './panelOrder';
import { marksOf, rangesOf, type Change } from './history';

/** What a change the store made to several annotations at once left: those it wrote, those it removed. */
export interface AnnotationDelta {
  put: Annotation[];
  removedIds: string[];
}

/**
 * The reader's copy of one article and its annotations, with the list in text order that views
 * memoise on. Only the session writes it, and only with what the store answered (or a tag it is
 * about to send); each write that is shown says what the editor must redraw.
 */
export class AnnotationCopy {
  article: Article;
  annotations = new Map<string, Annotation>();
  private sorted: Annotation[] | null = null;

  constructor(article: Article, annotations: Annotation[]) {
    this.article = article;
    for (const a of annotations) this.annotations.set(a.id, a);
  }

  /** The annotations in text order; the same array until they change. */
  list(): Annotation[] {
    this.sorted ??= [...this.annotations.values()].sort(compareTextOrder);
    return this.sorted;
  }

  put(list: Annotation[]): void {
    if (this.sorted !== null) this.sorted = withPut(this.sorted, this.annotations, list);
    for (const a of list) this.annotations.set(a.id, a);
  }

  drop(list: Annotation[]): void {
    for (const a of list) this.annotations.delete(a.id);
    if (this.sorted !== null) this.sorted = this.sorted.filter((a) => this.annotations.get(a.id) === a);
  }

  /** A text correction: the store answers with the article and every annotation moved with it. */
  replaceAll(result: { article: Article; annotations: Annotation[] }): void {
    this.article = result.article;
    this.annotations = new Map(result.annotations.map((a) => [a.id, a]));
    this.sorted = null;
  }

  added(list: Annotation[]): Change {
    this.put(list);
    return { full: false, ranges: rangesOf(list) };
  }

  removed(list: Annotation[]): Change {
    this.drop(list);
    return { full: false, ranges: rangesOf(list) };
  }

  applied(delta: AnnotationDelta): Change {
    const gone = delta.removedIds.flatMap((id) => this.annotations.get(id) ?? []);
    const before = delta.put.flatMap((a) => this.annotations.get(a.id) ?? []);
    this.drop(gone);
    this.put(delta.put);
    return { full: false, ranges: rangesOf([...gone, ...before, ...delta.put]) };
  }

  /** `other` is the state `a` replaces: a move (re-attach) must redraw both places. */
  changed(a: Annotation, other: Annotation): Change {
    this.put([a]);
    return { full: false, ranges: marksOf(other, a) };
  }

  replaced(result: { article: Article; annotations: Annotation[] }): Change {
    this.replaceAll(result);
    return { full: true, ranges: [] };
  }
}
