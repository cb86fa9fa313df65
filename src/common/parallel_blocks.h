// Runs independent blocks of work on a few threads. Blocks are handed out in order from a shared
// counter; callers write each block's results to the block's own place, so what they compute does
// not depend on the number of threads or on which thread ran which block.
#ifndef PARLEY_COMMON_PARALLEL_BLOCKS_H_
#define PARLEY_COMMON_PARALLEL_BLOCKS_H_

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace parley::internal {

// The threads to use for `blocks` blocks when `threads` are asked for (0: the hardware's count).
inline unsigned WorkerCount(unsigned threads, std::uint64_t blocks) {
  const unsigned wanted = threads ? threads : std::max(1u, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::max<std::uint64_t>(1, std::min<std::uint64_t>(wanted, blocks)));
}

// Calls work(block, worker) for every block in [0, blocks), on WorkerCount(threads, blocks)
// threads (the caller's thread is worker 0). worker < WorkerCount(...) indexes per-thread
// workspaces. The first exception thrown (by block order) is rethrown after every thread stopped.
template <typename Work>
void ForEachBlock(std::uint64_t blocks, unsigned threads, Work work) {
  const unsigned workers = WorkerCount(threads, blocks);
  std::atomic<std::uint64_t> next{0};
  std::mutex failure_mutex;
  std::exception_ptr failure;
  std::uint64_t failed_block = blocks;
  auto run = [&](unsigned worker) {
    for (std::uint64_t block = next++; block < blocks; block = next++) {
      try {
        work(block, worker);
      } catch (...) {
        std::lock_guard<std::mutex> lock(failure_mutex);
        if (block < failed_block) {
          failed_block = block;
          failure = std::current_exception();
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < workers; ++w) pool.emplace_back(run, w);
  run(0);
  for (auto& thread : pool) thread.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace parley::internal

#endif  // PARLEY_COMMON_PARALLEL_BLOCKS_H_
