import {
  $applyNodeReplacement,
  $getDocument,
  arrayValue,
  booleanValue,
  type EditorConfig,
  ElementNode,
  enumValue,
  type LexicalNode,
  type NodeKey,
  nodeSchema,
  type SerializedElementNode,
  type Spread,
  stringValue,
  withAccessors,
} from 'lexical';
import { LABELS, type Label } from '../../../shared/model';

export type SerializedAnnotationMarkNode = Spread<
  { ids: string[]; labels: Label[]; selected: boolean },
  SerializedElementNode
>;

/** Attribute names the stylesheet and the end-to-end tests target. */
export const MARK_ATTR = {
  ids: 'data-annotation-ids',
  labels: 'data-labels',
  /** Label of the innermost annotation: drives the underline style, the non-colour cue. */
  label: 'data-label',
  /** Number of annotations covering this run, present only when there is more than one. */
  overlap: 'data-overlap',
  selected: 'data-selected',
} as const;

export const MARK_CLASS = 'annotation';
export const markLabelClass = (label: Label): string => `annotation--${label}`;

const annotationMarkSchema = nodeSchema<AnnotationMarkNode>()({
  ids: withAccessors(arrayValue(stringValue()), {
    getter: 'getIds',
    setter: { field: '__ids', method: 'setIds' },
  }),
  labels: withAccessors(arrayValue(enumValue(LABELS)), {
    getter: 'getLabels',
    setter: { field: '__labels', method: 'setLabels' },
  }),
  selected: withAccessors(booleanValue(), {
    getter: 'isSelectedAnnotation',
    setter: { field: '__selected', method: 'setSelectedAnnotation' },
  }),
});

const NO_IDS: readonly string[] = [];
const NO_LABELS: readonly Label[] = [];

/**
 * An inline run of text covered by one or more annotations. The highlight structure is flat:
 * overlapping and nested annotations become consecutive marks whose `ids` list every annotation
 * covering that run (innermost first), so no mark is ever nested in another and a paragraph is
 * rebuilt in one pass. `labels[i]` is the label of `ids[i]`.
 */
export class AnnotationMarkNode extends ElementNode {
  /** @internal */
  __ids: readonly string[];
  /** @internal */
  __labels: readonly Label[];
  /** @internal */
  __selected: boolean;

  override $config() {
    return this.config('annotation-mark', { extends: ElementNode, json: annotationMarkSchema });
  }

  constructor(ids: readonly string[] = NO_IDS, labels: readonly Label[] = NO_LABELS, selected = false, key?: NodeKey) {
    super(key);
    this.__ids = ids;
    this.__labels = labels;
    this.__selected = selected;
  }

  // Written out rather than left to the schema so a clone can never lose the fields, whatever
  // the synthesis rules of the installed Lexical are.
  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__ids = prevNode.__ids;
    this.__labels = prevNode.__labels;
    this.__selected = prevNode.__selected;
  }

  getIds(): string[] {
    return Array.from(this.getLatest().__ids);
  }

  setIds(ids: readonly string[]): this {
    const self = this.getWritable();
    self.__ids = ids;
    return self;
  }

  getLabels(): Label[] {
    return Array.from(this.getLatest().__labels);
  }

  setLabels(labels: readonly Label[]): this {
    const self = this.getWritable();
    self.__labels = labels;
    return self;
  }

  /** True when the annotation selected in the reader is one of this run's. */
  isSelectedAnnotation(): boolean {
    return this.getLatest().__selected;
  }

  setSelectedAnnotation(selected: boolean): this {
    const self = this.getWritable();
    self.__selected = selected;
    return self;
  }

  hasId(id: string): boolean {
    return this.getLatest().__ids.includes(id);
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = $getDocument().createElement('mark');
    this.applyAttributes(element);
    return element;
  }

  override updateDOM(prevNode: this, element: HTMLElement): boolean {
    if (prevNode.__ids !== this.__ids || prevNode.__labels !== this.__labels || prevNode.__selected !== this.__selected) {
      this.applyAttributes(element);
    }
    return false;
  }

  /** @internal */
  applyAttributes(element: HTMLElement): void {
    const labels = this.__labels;
    element.className = [MARK_CLASS, ...new Set(labels.map(markLabelClass))].join(' ');
    element.setAttribute(MARK_ATTR.ids, this.__ids.join(' '));
    element.setAttribute(MARK_ATTR.labels, labels.join(' '));
    const primary = labels[0];
    if (primary === undefined) element.removeAttribute(MARK_ATTR.label);
    else element.setAttribute(MARK_ATTR.label, primary);
    if (labels.length > 1) element.setAttribute(MARK_ATTR.overlap, String(labels.length));
    else element.removeAttribute(MARK_ATTR.overlap);
    if (this.__selected) element.setAttribute(MARK_ATTR.selected, 'true');
    else element.removeAttribute(MARK_ATTR.selected);
  }

  // The reader is read-only: typing at a mark's edge must create plain text, never grow a highlight.
  override canInsertTextBefore(): boolean {
    return false;
  }

  override canInsertTextAfter(): boolean {
    return false;
  }

  override canBeEmpty(): false {
    return false;
  }

  override isInline(): true {
    return true;
  }

  // Copying text out of the reader gives the text, not highlights that would carry stale ids.
  override excludeFromCopy(destination?: 'clone' | 'html'): boolean {
    return destination !== 'clone';
  }
}

export function $createAnnotationMarkNode(ids: readonly string[], labels: readonly Label[], selected = false): AnnotationMarkNode {
  return $applyNodeReplacement(new AnnotationMarkNode(ids, labels, selected));
}

export function $isAnnotationMarkNode(node: LexicalNode | null | undefined): node is AnnotationMarkNode {
  return node instanceof AnnotationMarkNode;
}

/**
 * The node classes the reader's editor needs beyond Lexical's built-ins (paragraph, text, line
 * break), for `initialConfig.nodes` or a headless editor.
 */
export const EDITOR_NODES = [AnnotationMarkNode] as const;
