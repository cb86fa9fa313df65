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
        t = nodes_[t].left;
      } else if (key > nodes_[t].key) {
        less = false;
        t = nodes_[t].right;
      } else {
        nodes_[t].value = value;
        return;
      }
    }
    const int e = NewNode(key, value, parent);
    (less ? nodes_[parent].left : nodes_[parent].right) = e;
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
      while (nodes_[p].left != kNone) p = nodes_[p].left;
    }
    return p;
  }
  int Last() const {
    int p = root_;
    if (p != kNone) {
      while (nodes_[p].right != kNone) p = nodes_[p].right;
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
    int left, right, parent;
    bool color;
  };

  int NewNode(double key, const Value& value, int parent) {
    nodes_.push_back({key, value, kNone, kNone, parent, kBlack});
    return static_cast<int>(nodes_.size()) - 1;
  }

  int Find(double key) const {
    int p = root_;
    while (p != kNone) {
      if (key < nodes_[p].key) {
        p = nodes_[p].left;
      } else if (key > nodes_[p].key) {
        p = nodes_[p].right;
      } else {
        return p;
      }
    }
    return kNone;
  }

  int Successor(int t) const {
    if (t == kNone) return kNone;
    if (nodes_[t].right != kNone) {
      int p = nodes_[t].right;
      while (nodes_[p].left != kNone) p = nodes_[p].left;
      return p;
    }
    int p = nodes_[t].parent, child = t;
    while (p != kNone && child == nodes_[p].right) {
      child = p;
      p = nodes_[p].parent;
    }
    return p;
  }

  // Java's null-tolerant helpers.
  bool ColorOf(int p) const { return p == kNone ? kBlack : nodes_[p].color; }
  int ParentOf(int p) const { return p == kNone ? kNone : nodes_[p].parent; }
  int LeftOf(int p) const { return p == kNone ? kNone : nodes_[p].left; }
  int RightOf(int p) const { return p == kNone ? kNone : nodes_[p].right; }
  void SetColor(int p, bool color) {
    if (p != kNone) nodes_[p].color = color;
  }

  void RotateLeft(int p) {
    if (p == kNone) return;
    const int r = nodes_[p].right;
    nodes_[p].right = nodes_[r].left;
    if (nodes_[r].left != kNone) nodes_[nodes_[r].left].parent = p;
    nodes_[r].parent = nodes_[p].parent;
    const int pp = nodes_[p].parent;
    if (pp == kNone) {
      root_ = r;
    } else if (nodes_[pp].left == p) {
      nodes_[pp].left = r;
    } else {
      nodes_[pp].right = r;
    }
    nodes_[r].left = p;
    nodes_[p].parent = r;
  }

  void RotateRight(int p) {
    if (p == kNone) return;
    const int l = nodes_[p].left;
    nodes_[p].left = nodes_[l].right;
    if (nodes_[l].right != kNone) nodes_[nodes_[l].right].parent = p;
    nodes_[l].parent = nodes_[p].parent;
    const int pp = nodes_[p].parent;
    if (pp == kNone) {
      root_ = l;
    } else if (nodes_[pp].right == p) {
      nodes_[pp].right = l;
    } else {
      nodes_[pp].left = l;
    }
    nodes_[l].right = p;
    nodes_[p].parent = l;
  }

  void FixAfterInsertion(int x) {
    nodes_[x].color = kRed;
    while (x != kNone && x != root_ && nodes_[nodes_[x].parent].color == kRed) {
      if (ParentOf(x) == LeftOf(ParentOf(ParentOf(x)))) {
        const int y = RightOf(ParentOf(ParentOf(x)));
        if (ColorOf(y) == kRed) {
          SetColor(ParentOf(x), kBlack);
          SetColor(y, kBlack);
          SetColor(ParentOf(ParentOf(x)), kRed);
          x = ParentOf(ParentOf(x));
        } else {
          if (x == RightOf(ParentOf(x))) {
            x = ParentOf(x);
            RotateLeft(x);
          }
          SetColor(ParentOf(x), kBlack);
          SetColor(ParentOf(ParentOf(x)), kRed);
          RotateRight(ParentOf(ParentOf(x)));
        }
      } else {
        const int y = LeftOf(ParentOf(ParentOf(x)));
        if (ColorOf(y) == kRed) {
          SetColor(ParentOf(x), kBlack);
          SetColor(y, kBlack);
          SetColor(ParentOf(ParentOf(x)), kRed);
          x = ParentOf(ParentOf(x));
        } else {
          if (x == LeftOf(ParentOf(x))) {
            x = ParentOf(x);
            RotateRight(x);
          }
          SetColor(ParentOf(x), kBlack);
          SetColor(ParentOf(ParentOf(x)), kRed);
          RotateLeft(ParentOf(ParentOf(x)));
        }
      }
    }
    nodes_[root_].color = kBlack;
  }

  void DeleteEntry(int p) {
    --size_;
    if (nodes_[p].left != kNone && nodes_[p].right != kNone) {
      const int s = Successor(p);
      nodes_[p].key = nodes_[s].key;
      nodes_[p].value = nodes_[s].value;
      p = s;
    }
    const int replacement = nodes_[p].left != kNone ? nodes_[p].left : nodes_[p].right;
    if (replacement != kNone) {
      nodes_[replacement].parent = nodes_[p].parent;
      const int pp = nodes_[p].parent;
      if (pp == kNone) {
        root_ = replacement;
      } else if (p == nodes_[pp].left) {
        nodes_[pp].left = replacement;
      } else {
        nodes_[pp].right = replacement;
      }
      nodes_[p].left = nodes_[p].right = nodes_[p].parent = kNone;
      if (nodes_[p].color == kBlack) FixAfterDeletion(replacement);
    } else if (nodes_[p].parent == kNone) {
      root_ = kNone;
    } else {
      if (nodes_[p].color == kBlack) FixAfterDeletion(p);
      const int pp = nodes_[p].parent;
      if (pp != kNone) {
        if (p == nodes_[pp].left) {
          nodes_[pp].left = kNone;
        } else if (p == nodes_[pp].right) {
          nodes_[pp].right = kNone;
        }
        nodes_[p].parent = kNone;
      }
    }
  }

  void FixAfterDeletion(int x) {
    while (x != root_ && ColorOf(x) == kBlack) {
      if (x == LeftOf(ParentOf(x))) {
        int sib = RightOf(ParentOf(x));
        if (ColorOf(sib) == kRed) {
          SetColor(sib, kBlack);
          SetColor(ParentOf(x), kRed);
          RotateLeft(ParentOf(x));
          sib = RightOf(ParentOf(x));
        }
        if (ColorOf(LeftOf(sib)) == kBlack && ColorOf(RightOf(sib)) == kBlack) {
          SetColor(sib, kRed);
          x = ParentOf(x);
        } else {
          if (ColorOf(RightOf(sib)) == kBlack) {
            SetColor(LeftOf(sib), kBlack);
            SetColor(sib, kRed);
            RotateRight(sib);
            sib = RightOf(ParentOf(x));
          }
          SetColor(sib, ColorOf(ParentOf(x)));
          SetColor(ParentOf(x), kBlack);
          SetColor(RightOf(sib), kBlack);
          RotateLeft(ParentOf(x));
          x = root_;
        }
      } else {
        int sib = LeftOf(ParentOf(x));
        if (ColorOf(sib) == kRed) {
          SetColor(sib, kBlack);
          SetColor(ParentOf(x), kRed);
          RotateRight(ParentOf(x));
          sib = LeftOf(ParentOf(x));
        }
        if (ColorOf(RightOf(sib)) == kBlack && ColorOf(LeftOf(sib)) == kBlack) {
          SetColor(sib, kRed);
          x = ParentOf(x);
        } else {
          if (ColorOf(LeftOf(sib)) == kBlack) {
            SetColor(RightOf(sib), kBlack);
            SetColor(sib, kRed);
            RotateLeft(sib);
            sib = LeftOf(ParentOf(x));
          }
          SetColor(sib, ColorOf(ParentOf(x)));
          SetColor(ParentOf(x), kBlack);
          SetColor(LeftOf(sib), kBlack);
          RotateRight(ParentOf(x));
          x = root_;
        }
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
