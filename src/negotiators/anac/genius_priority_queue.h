// java.util.PriorityQueue's order, for ports of GENIUS agents that poll or peek among elements
// their comparator calls equal: the same binary heap with Java's sift-up, sift-down and
// removal-at-index, so that ties come out in the order Java gives them. `compare(a, b)` answers
// like Java's Comparator (negative, zero, positive; the head is the least). Not thread-safe;
// elements are held by value.
#ifndef PARLEY_NEGOTIATORS_ANAC_GENIUS_PRIORITY_QUEUE_H_
#define PARLEY_NEGOTIATORS_ANAC_GENIUS_PRIORITY_QUEUE_H_

#include <cstddef>
#include <utility>
#include <vector>

namespace parley {

template <class T, class Compare>
class GeniusPriorityQueue {
 public:
  explicit GeniusPriorityQueue(Compare compare = Compare()) : compare_(std::move(compare)) {}

  std::size_t size() const { return heap_.size(); }
  bool empty() const { return heap_.empty(); }
  void clear() { heap_.clear(); }
  const T& Peek() const { return heap_.front(); }

  void Add(T element) {
    heap_.push_back(element);
    SiftUp(heap_.size() - 1, std::move(element));
  }

  // The head; the queue must not be empty.
  T Poll() {
    T head = std::move(heap_.front());
    T last = std::move(heap_.back());
    heap_.pop_back();
    if (!heap_.empty()) SiftDown(0, std::move(last));
    return head;
  }

  // remove(Object): the first element in array order for which `equal` holds.
  template <class Equal>
  bool RemoveFirst(Equal&& equal) {
    for (std::size_t i = 0; i < heap_.size(); ++i) {
      if (equal(heap_[i])) {
        RemoveAt(i);
        return true;
      }
    }
    return false;
  }

 private:
  void SiftUp(std::size_t k, T element) {
    while (k > 0) {
      const std::size_t parent = (k - 1) / 2;
      if (compare_(element, heap_[parent]) >= 0) break;
      heap_[k] = std::move(heap_[parent]);
      k = parent;
    }
    heap_[k] = std::move(element);
  }

  // Returns where `element` came to rest.
  std::size_t SiftDown(std::size_t k, T element) {
    const std::size_t n = heap_.size();
    const std::size_t half = n / 2;
    while (k < half) {
      std::size_t child = 2 * k + 1;
      const std::size_t right = child + 1;
      if (right < n && compare_(heap_[child], heap_[right]) > 0) child = right;
      if (compare_(element, heap_[child]) <= 0) break;
      heap_[k] = std::move(heap_[child]);
      k = child;
    }
    heap_[k] = std::move(element);
    return k;
  }

  void RemoveAt(std::size_t i) {
    const std::size_t last = heap_.size() - 1;
    if (i == last) {
      heap_.pop_back();
      return;
    }
    T moved = std::move(heap_.back());
    heap_.pop_back();
    if (SiftDown(i, moved) == i) SiftUp(i, std::move(heap_[i]));
  }

  Compare compare_;
  std::vector<T> heap_;
};

}  // namespace parley

#endif  // PARLEY_NEGOTIATORS_ANAC_GENIUS_PRIORITY_QUEUE_H_
