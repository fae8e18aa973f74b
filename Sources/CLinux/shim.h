// CLinux: the Linux and glibc calls Swift cannot reach directly (variadic syscall/prctl, malloc.h): clearing
// the process's capabilities and forbidding new privileges once the capture handle is open, and malloc tuning.
#pragma once
#ifdef __linux__
#include <linux/capability.h>
#include <malloc.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

/// Empties the effective, permitted and inheritable capability sets of this thread group; 0 on success.
static inline int slicewatch_clear_capabilities(void) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2] = {{0, 0, 0}, {0, 0, 0}};
    return (int)syscall(SYS_capset, &header, data);
}

/// The effective capability bits (low and high words); 0 on success.
static inline int slicewatch_effective_capabilities(unsigned int *low, unsigned int *high) {
    struct __user_cap_header_struct header = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct data[2];
    int rc = (int)syscall(SYS_capget, &header, data);
    *low = data[0].effective;
    *high = data[1].effective;
    return rc;
}

/// Fixed mmap threshold (large blocks go back to the kernel on free) and at most `arenas` malloc arenas;
/// 1 when glibc accepted both.
static inline int slicewatch_tune_malloc(int mmap_threshold, int arenas) {
    return mallopt(M_MMAP_THRESHOLD, mmap_threshold) == 1 && mallopt(M_ARENA_MAX, arenas) == 1;
}

/// Sets no_new_privs: no exec'd program (e.g. an exec sink) can gain privileges; 0 on success.
static inline int slicewatch_no_new_privileges(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0); }
#endif
