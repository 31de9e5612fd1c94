// Reading yaml's document nodes: mapping pairs with their key text, aliases followed to the node
// they name, and plain values converted with the alias limit.
import { type Document, isAlias, isMap, isScalar, type Node, type Pair, visit, type YAMLMap } from 'yaml';
import { MAX_ALIAS_COUNT } from './shotRules';

export interface KeyedPair {
  key: string;
  keyNode: Node | null;
  value: Node | null;
  pair: Pair;
}

export class YamlReader {
  private readonly aliasTargets = new Map<Node, Node | undefined>();

  constructor(readonly doc: Document.Parsed) {
    // One pass in document order: an alias names the latest anchor of that name before it.
    const anchors = new Map<string, Node>();
    visit(doc, {
      Node: (_key, node) => {
        if (isAlias(node)) this.aliasTargets.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
  }

  /** The node itself, or the node an alias names (undefined for an alias to nothing). */
  deref(node: unknown): Node | null {
    if (node === null || node === undefined) return null;
    if (isAlias(node)) return this.aliasTargets.get(node) ?? null;
    return node as Node;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.deref(node);
    return isMap(n) ? n : undefined;
  }

  pairs(map: YAMLMap): KeyedPair[] {
    const out: KeyedPair[] = [];
    for (const item of map.items) {
      const pair = item as Pair;
      const keyNode = this.deref(pair.key);
      const key = isScalar(keyNode) ? String(keyNode.value) : '';
      out.push({ key, keyNode: (pair.key as Node | null) ?? null, value: this.deref(pair.value), pair });
    }
    return out;
  }

  /** Plain JavaScript for a value node; aliases inside it count against the alias limit. */
  toJS(node: Node | null): unknown {
    if (node === null) return null;
    if (isScalar(node)) return node.value;
    return node.toJS(this.doc, { maxAliasCount: MAX_ALIAS_COUNT });
  }
}

/** Where a pair is for diagnostics: its key, or its value when the key has no range. */
export function keyOf(p: KeyedPair): Node | null {
  return p.keyNode?.range ? p.keyNode : p.value;
}
