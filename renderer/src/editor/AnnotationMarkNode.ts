import {
  $applyNodeReplacement,
  $getDocument,
  arrayValue,
  booleanValue,
  type EditorConfig,
  ElementNode,
  type LexicalNode,
  type NodeKey,
  nodeSchema,
  rawValue,
  type SerializedElementNode,
  type Spread,
  stringValue,
  transformValue,
  withAccessors,
} from 'lexical';
import { LABELS, type Label } from '../../../shared/model';
import { CUE_SLOTS, cueSlotAttr, cueSlots, startsText } from './cue';
import { SuggestionMarkNode } from './SuggestionMarkNode';

export type SerializedAnnotationMarkNode = Spread<
  { ids: string[]; labels: Label[]; starts: Label[]; selected: boolean },
  SerializedElementNode
>;

/** Attribute names the stylesheet and the end-to-end tests target. */
export const MARK_ATTR = {
  ids: 'data-annotation-ids',
  labels: 'data-labels',
  /** Label of the innermost annotation: the stylesheet fills the run with its colour. */
  label: 'data-label',
  /** Initials of the annotations that begin here ("C A"); the stylesheet draws them before the text. */
  starts: 'data-starts',
  /** Number of annotations covering this run, present only when there is more than one. */
  overlap: 'data-overlap',
  selected: 'data-selected',
} as const;

/** The stylesheet draws the label cues (editor/cue.ts) on elements with this class. */
export const CUE_CLASS = 'cue';
export const MARK_CLASS = 'annotation';
export const markLabelClass = (label: Label): string => `annotation--${label}`;

const KNOWN_LABELS: readonly unknown[] = LABELS;

/**
 * Labels read from serialized state. An unknown label fails the import: read as some default it
 * would show (and let the analyst edit) an annotation as something it is not.
 */
const labelList = () =>
  transformValue(
    arrayValue(rawValue<unknown>()),
    (values): Label[] =>
      values.map((value) => {
        if (!KNOWN_LABELS.includes(value)) throw new Error(`annotation-mark: unknown label ${JSON.stringify(value)}`);
        return value as Label;
      }),
    { isEqual: (a, b) => a.length === b.length && a.every((label, i) => label === b[i]) },
  );

const annotationMarkSchema = nodeSchema<AnnotationMarkNode>()({
  ids: withAccessors(arrayValue(stringValue()), {
    getter: 'getIds',
    setter: { field: '__ids', method: 'setIds' },
  }),
  labels: withAccessors(labelList(), {
    getter: 'getLabels',
    setter: { field: '__labels', method: 'setLabels' },
  }),
  starts: withAccessors(labelList(), {
    getter: 'getStarts',
    setter: { field: '__starts', method: 'setStarts' },
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
 * rebuilt in one pass. `labels[i]` is the label of `ids[i]`; `starts` are the labels of the
 * annotations whose first run this is.
 */
export class AnnotationMarkNode extends ElementNode {
  /** @internal */
  __ids: readonly string[];
  /** @internal */
  __labels: readonly Label[];
  /** @internal */
  __starts: readonly Label[];
  /** @internal */
  __selected: boolean;

  override $config() {
    return this.config('annotation-mark', { extends: ElementNode, json: annotationMarkSchema });
  }

  constructor(ids: readonly string[] = NO_IDS, labels: readonly Label[] = NO_LABELS, starts: readonly Label[] = NO_LABELS, selected = false, key?: NodeKey) {
    super(key);
    this.__ids = ids;
    this.__labels = labels;
    this.__starts = starts;
    this.__selected = selected;
  }

  // Written out rather than left to the schema so a clone can never lose the fields, whatever
  // the synthesis rules of the installed Lexical are.
  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__ids = prevNode.__ids;
    this.__labels = prevNode.__labels;
    this.__starts = prevNode.__starts;
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

  getStarts(): Label[] {
    return Array.from(this.getLatest().__starts);
  }

  setStarts(starts: readonly Label[]): this {
    const self = this.getWritable();
    self.__starts = starts;
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
    this.applyLabels(element);
    this.applyStarts(element);
    this.applySelected(element);
    return element;
  }

  override updateDOM(prevNode: this, element: HTMLElement): boolean {
    if (prevNode.__ids !== this.__ids || prevNode.__labels !== this.__labels) this.applyLabels(element);
    if (prevNode.__starts !== this.__starts) this.applyStarts(element);
    if (prevNode.__selected !== this.__selected) this.applySelected(element);
    return false;
  }

  private applyLabels(element: HTMLElement): void {
    const labels = this.__labels;
    element.className = [MARK_CLASS, CUE_CLASS, ...new Set(labels.map(markLabelClass))].join(' ');
    element.setAttribute(MARK_ATTR.ids, this.__ids.join(' '));
    element.setAttribute(MARK_ATTR.labels, labels.join(' '));
    const primary = labels[0];
    if (primary === undefined) element.removeAttribute(MARK_ATTR.label);
    else element.setAttribute(MARK_ATTR.label, primary);
    if (labels.length > 1) element.setAttribute(MARK_ATTR.overlap, String(labels.length));
    else element.removeAttribute(MARK_ATTR.overlap);
    const slots = cueSlots(labels);
    for (let i = 0; i < CUE_SLOTS; i++) {
      const label = slots[i];
      if (label === undefined) element.removeAttribute(cueSlotAttr(i));
      else element.setAttribute(cueSlotAttr(i), label);
    }
  }

  private applyStarts(element: HTMLElement): void {
    if (this.__starts.length === 0) element.removeAttribute(MARK_ATTR.starts);
    else element.setAttribute(MARK_ATTR.starts, startsText(this.__starts));
  }

  private applySelected(element: HTMLElement): void {
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

export function $createAnnotationMarkNode(
  ids: readonly string[],
  labels: readonly Label[],
  starts: readonly Label[] = NO_LABELS,
  selected = false,
): AnnotationMarkNode {
  return $applyNodeReplacement(new AnnotationMarkNode(ids, labels, starts, selected));
}

export function $isAnnotationMarkNode(node: LexicalNode | null | undefined): node is AnnotationMarkNode {
  return node instanceof AnnotationMarkNode;
}

/**
 * The node classes the reader's editor needs beyond Lexical's built-ins (paragraph, text, line
 * break), for `initialConfig.nodes` or a headless editor.
 */
export const EDITOR_NODES = [AnnotationMarkNode, SuggestionMarkNode] as const;
