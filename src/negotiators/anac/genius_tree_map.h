// java.util.TreeMap<Double, V> node for node, for ports of GENIUS agents that keep the map's
// entries after changing the map.
//
// Java's TreeMap is a red-black tree whose iterators and entrySet() hand out the tree's own
// nodes. Removing a node with two children does not unlink it: the tree copies its successor's
// key and value into it and unlinks the successor instead. An entry taken from entrySet() and
// kept (in a queue, say) therefore changes when its key is later removed, and two kept entries
// can end up being the same node. Agents such as HardHeaded depend on that, so this class
// reproduces OpenJDK's insertion, deletion and rebalancing exactly (the same rotations and
// colours, hence the same shapes), and names nodes by index so that a caller can hold them.
// Keys compare as doubles (no NaN). Not thread-safe; Put() may allocate, the rest does not.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_TREE_MAP_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_TREE_MAP_H_

#include <cstddef>
#include <vector>

namespace parley {

template <typename Value>
class JavaTreeMap {
 public:
  static constexpr int kNone = -1;

  void Clear() {
    nodes_.clear();
    root_ = kNone;
    size_ = 0;
  }
  std::size_t size() const { return size_; }

  double key(int node) const { return nodes_[node].key; }
  const Value& value(int node) const { return nodes_[node].value; }

  // put(): replaces the value of an equal key, otherwise adds a node and rebalances.
  void Put(double key, const Value& value) {
    if (root_ == kNone) {
      root_ = NewNode(key, value, kNone);
      size_ = 1;
      return;
    }
    int t = root_, parent = kNone;
    bool less = false;
    while (t != kNone) {
      parent = t;
      if (key < nodes_[t].key) {
        less = true;
        t = nodes_[t].child[0];
      } else if (key > nodes_[t].key) {
        less = false;
        t = nodes_[t].child[1];
      } else {
        nodes_[t].value = value;
        return;
      }
    }
    const int e = NewNode(key, value, parent);
    (less ? nodes_[parent].child[0] : nodes_[parent].child[1]) = e;
    FixAfterInsertion(e);
    ++size_;
  }

  // remove(key): deletes the node holding `key`, if any (see the class comment).
  void Remove(double key) {
    const int p = Find(key);
    if (p != kNone) DeleteEntry(p);
  }

  // Nodes in ascending key order: First(), then Next() until kNone.
  int First() const {
    int p = root_;
    if (p != kNone) {
      while (nodes_[p].child[0] != kNone) p = nodes_[p].child[0];
    }
    return p;
  }
  int Last() const {
    int p = root_;
    if (p != kNone) {
      while (nodes_[p].child[1] != kNone) p = nodes_[p].child[1];
    }
    return p;
  }
  int Next(int t) const { return Successor(t); }

 private:
  static constexpr bool kRed = false;
  static constexpr bool kBlack = true;

  struct Node {
    double key;
    Value value;
    int child[2];  // left, right
    int parent;
    bool color;
  };

  int NewNode(double key, const Value& value, int parent) {
    nodes_.push_back({key, value, {kNone, kNone}, parent, kBlack});
    return static_cast<int>(nodes_.size()) - 1;
  }

  int Find(double key) const {
    int p = root_;
    while (p != kNone) {
      if (key < nodes_[p].key) {
        p = nodes_[p].child[0];
      } else if (key > nodes_[p].key) {
        p = nodes_[p].child[1];
      } else {
        return p;
      }
    }
    return kNone;
  }

  int Successor(int t) const {
    if (t == kNone) return kNone;
    if (nodes_[t].child[1] != kNone) {
      int p = nodes_[t].child[1];
      while (nodes_[p].child[0] != kNone) p = nodes_[p].child[0];
      return p;
    }
    int p = nodes_[t].parent, child = t;
    while (p != kNone && child == nodes_[p].child[1]) {
      child = p;
      p = nodes_[p].parent;
    }
    return p;
  }

  // Java's null-tolerant helpers; `side` 0 is left, 1 is right.
  bool ColorOf(int p) const { return p == kNone ? kBlack : nodes_[p].color; }
  int ParentOf(int p) const { return p == kNone ? kNone : nodes_[p].parent; }
  int ChildOf(int p, int side) const { return p == kNone ? kNone : nodes_[p].child[side]; }
  void SetColor(int p, bool color) {
    if (p != kNone) nodes_[p].color = color;
  }

  // rotateLeft (side 0: the right child comes up) and rotateRight (side 1) of Java's TreeMap.
  void Rotate(int p, int side) {
    if (p == kNone) return;
    const int up = 1 - side;
    const int r = nodes_[p].child[up];
    nodes_[p].child[up] = nodes_[r].child[side];
    if (nodes_[r].child[side] != kNone) nodes_[nodes_[r].child[side]].parent = p;
    nodes_[r].parent = nodes_[p].parent;
    const int pp = nodes_[p].parent;
    if (pp == kNone) {
      root_ = r;
    } else {
      nodes_[pp].child[nodes_[pp].child[0] == p ? 0 : 1] = r;
    }
    nodes_[r].child[side] = p;
    nodes_[p].parent = r;
  }

  // fixAfterInsertion: Java's two mirrored cases, `side` being the parent's side.
  void FixAfterInsertion(int x) {
    nodes_[x].color = kRed;
    while (x != kNone && x != root_ && nodes_[nodes_[x].parent].color == kRed) {
      const int side = ParentOf(x) == ChildOf(ParentOf(ParentOf(x)), 0) ? 0 : 1;
      const int uncle = ChildOf(ParentOf(ParentOf(x)), 1 - side);
      if (ColorOf(uncle) == kRed) {
        SetColor(ParentOf(x), kBlack);
        SetColor(uncle, kBlack);
        SetColor(ParentOf(ParentOf(x)), kRed);
        x = ParentOf(ParentOf(x));
      } else {
        if (x == ChildOf(ParentOf(x), 1 - side)) {
          x = ParentOf(x);
          Rotate(x, side);
        }
        SetColor(ParentOf(x), kBlack);
        SetColor(ParentOf(ParentOf(x)), kRed);
        Rotate(ParentOf(ParentOf(x)), 1 - side);
      }
    }
    nodes_[root_].color = kBlack;
  }

  void DeleteEntry(int p) {
    --size_;
    if (nodes_[p].child[0] != kNone && nodes_[p].child[1] != kNone) {
      const int s = Successor(p);
      nodes_[p].key = nodes_[s].key;
      nodes_[p].value = nodes_[s].value;
      p = s;
    }
    const int replacement = nodes_[p].child[0] != kNone ? nodes_[p].child[0] : nodes_[p].child[1];
    if (replacement != kNone) {
      nodes_[replacement].parent = nodes_[p].parent;
      const int pp = nodes_[p].parent;
      if (pp == kNone) {
        root_ = replacement;
      } else if (p == nodes_[pp].child[0]) {
        nodes_[pp].child[0] = replacement;
      } else {
        nodes_[pp].child[1] = replacement;
      }
      nodes_[p].child[0] = nodes_[p].child[1] = nodes_[p].parent = kNone;
      if (nodes_[p].color == kBlack) FixAfterDeletion(replacement);
    } else if (nodes_[p].parent == kNone) {
      root_ = kNone;
    } else {
      if (nodes_[p].color == kBlack) FixAfterDeletion(p);
      const int pp = nodes_[p].parent;
      if (pp != kNone) {
        if (p == nodes_[pp].child[0]) {
          nodes_[pp].child[0] = kNone;
        } else if (p == nodes_[pp].child[1]) {
          nodes_[pp].child[1] = kNone;
        }
        nodes_[p].parent = kNone;
      }
    }
  }

  // fixAfterDeletion: Java's two mirrored cases, `side` being x's side.
  void FixAfterDeletion(int x) {
    while (x != root_ && ColorOf(x) == kBlack) {
      const int side = x == ChildOf(ParentOf(x), 0) ? 0 : 1;
      int sibling = ChildOf(ParentOf(x), 1 - side);
      if (ColorOf(sibling) == kRed) {
        SetColor(sibling, kBlack);
        SetColor(ParentOf(x), kRed);
        Rotate(ParentOf(x), side);
        sibling = ChildOf(ParentOf(x), 1 - side);
      }
      if (ColorOf(ChildOf(sibling, 0)) == kBlack && ColorOf(ChildOf(sibling, 1)) == kBlack) {
        SetColor(sibling, kRed);
        x = ParentOf(x);
      } else {
        if (ColorOf(ChildOf(sibling, 1 - side)) == kBlack) {
          SetColor(ChildOf(sibling, side), kBlack);
          SetColor(sibling, kRed);
          Rotate(sibling, 1 - side);
          sibling = ChildOf(ParentOf(x), 1 - side);
        }
        SetColor(sibling, ColorOf(ParentOf(x)));
        SetColor(ParentOf(x), kBlack);
        SetColor(ChildOf(sibling, 1 - side), kBlack);
        Rotate(ParentOf(x), side);
        x = root_;
      }
    }
    SetColor(x, kBlack);
  }

  std::vector<Node> nodes_;
  int root_ = kNone;
  std::size_t size_ = 0;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_TREE_MAP_H_
