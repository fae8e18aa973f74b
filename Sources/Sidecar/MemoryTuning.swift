// MemoryTuning: glibc malloc settings for a long-running sidecar. By default glibc raises its mmap threshold
// every time a large block is freed, after which large blocks (batch workspaces, bodies) come from arenas that
// keep their pages, and it creates an arena per thread; together they let RSS creep up by tens of megabytes
// under steady load. A fixed threshold returns large blocks to the kernel on free; two arenas bound the rest.

import CLinux

public enum MemoryTuning {
    /// Applies the settings (before the worker threads start). Returns false when glibc refused one.
    @discardableResult
    public static func applyForSidecar() -> Bool {
        slicewatch_tune_malloc(128 * 1024, 2) == 1
    }
}
