import {
  $applyNodeReplacement,
  $getDocument,
  type EditorConfig,
  ElementNode,
  type LexicalNode,
  type NodeKey,
  nodeSchema,
  stringValue,
  withAccessors,
} from 'lexical';

/** The attribute the stylesheet and the end-to-end tests look for on a suggestion's mark. */
export const SUGGESTION_ATTR = 'data-suggestion-id';
export const SUGGESTION_CLASS = 'suggestion';

/** A proposal from the registry drawn in the text: UTF-16 offsets, end-exclusive. */
export type SuggestionSpan = { id: string; start: number; end: number };

const suggestionMarkSchema = nodeSchema<SuggestionMarkNode>()({
  suggestionId: withAccessors(stringValue(), {
    getter: 'getSuggestionId',
    setter: { field: '__suggestionId', method: 'setSuggestionId' },
  }),
});

/**
 * A run of text the registry proposes to tag or link, drawn with a dashed outline. It is not an
 * annotation: it sits inside the annotation marks (never around them), carries no label, and
 * disappears when the analyst accepts (an annotation takes its place) or rejects it.
 */
export class SuggestionMarkNode extends ElementNode {
  /** @internal */
  __suggestionId: string;

  override $config() {
    return this.config('suggestion-mark', { extends: ElementNode, json: suggestionMarkSchema });
  }

  constructor(suggestionId = '', key?: NodeKey) {
    super(key);
    this.__suggestionId = suggestionId;
  }

  override afterCloneFrom(prevNode: this): void {
    super.afterCloneFrom(prevNode);
    this.__suggestionId = prevNode.__suggestionId;
  }

  getSuggestionId(): string {
    return this.getLatest().__suggestionId;
  }

  setSuggestionId(id: string): this {
    const self = this.getWritable();
    self.__suggestionId = id;
    return self;
  }

  override createDOM(_config: EditorConfig): HTMLElement {
    const element = $getDocument().createElement('mark');
    element.className = SUGGESTION_CLASS;
    element.setAttribute(SUGGESTION_ATTR, this.__suggestionId);
    return element;
  }

  override updateDOM(prevNode: this, element: HTMLElement): boolean {
    if (prevNode.__suggestionId !== this.__suggestionId) element.setAttribute(SUGGESTION_ATTR, this.__suggestionId);
    return false;
  }

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

  override excludeFromCopy(destination?: 'clone' | 'html'): boolean {
    return destination !== 'clone';
  }
}

export function $createSuggestionMarkNode(id: string): SuggestionMarkNode {
  return $applyNodeReplacement(new SuggestionMarkNode(id));
}

export function $isSuggestionMarkNode(node: LexicalNode | null | undefined): node is SuggestionMarkNode {
  return node instanceof SuggestionMarkNode;
}
