package lichen.usertest;

/**
 * Tests that cannot pass under qemu-user (qemu-aarch64 on a non-AArch64
 * host), with the reason; {@code --qemu-user} skips them. Each checks what
 * a real Linux kernel does, so they run in the guest and on
 * {@code just run-linux}. Found with qemu-aarch64 7.2.
 */
public final class QemuUserGaps {
    private QemuUserGaps() {}

    private static final String[][] GAPS = {
        {"scm_rights_truncated_control_ctrunc_closes_the_rest",
         "qemu-user receives ancillary data into a host buffer of its own, so the host installs every descriptor, and qemu drops those that do not fit the guest's buffer without closing them"},
        {"scm_rights_cmsg_len_past_the_buffer_einval",
         "qemu-user rebuilds the control buffer from the cmsg headers it parses and hands the host a well-formed one, so the send succeeds"},
        {"socket_getsockopt_short_optlen_truncates",
         "qemu-user answers an int option read into fewer than 4 bytes by storing 1 byte, where Linux stores optlen bytes"},
        {"socket_type_flag_other_than_nonblock_cloexec_einval",
         "qemu-user translates socket(2)'s type and drops flag bits it does not know instead of passing them to the host"},
        {"proc_self_maps_file_line_has_the_files_device_and_inode",
         "qemu-user 7.2's /proc/self/maps and its /proc/self/exe do not name the same inode for the program"},
        {"execve_self_with_arguments",
         "qemu-user passes execve to the host kernel, which cannot run an AArch64 binary without binfmt_misc (ENOEXEC)"},
        {"brk_shrink_unmaps_pages_efault",
         "qemu-user 7.2 keeps the heap's pages mapped when brk shrinks, so they still read"},
        {"mmap_fixed_noreplace_eexist",
         "qemu-user 7.2 treats MAP_FIXED_NOREPLACE as a hint and maps elsewhere instead of failing with EEXIST"},
        {"nanosleep_bad_pointer_efault",
         "qemu-user 7.2 ignores the failed copy of the timespec and sleeps on uninitialised values (EINVAL or 0) instead of failing with EFAULT"},
        {"clone_vfork_child_shares_memory_parent_waits",
         "qemu-user 7.2 runs vfork as a plain fork (it drops CLONE_VM and CLONE_VFORK), so the child's stores stay in its own copy"},
        {"madvise_unknown_advice_einval",
         "qemu-user 7.2 returns 0 for advice it does not pass to the host"},
        {"madvise_unmapped_range_enomem",
         "qemu-user 7.2 passes MADV_DONTNEED to the host only for pages it mapped itself and returns 0 for the rest, unmapped ones included"},
        {"mremap_new_size_zero_einval",
         "qemu-user 7.2 looks for room for a zero-length mapping and fails with ENOMEM instead of EINVAL"},
        {"set_robust_list_recorded_bad_length_einval",
         "qemu-user 7.2 answers ENOSYS to set_robust_list and get_robust_list (it cannot walk the list at a thread's exit)"},
        {"rseq_register_cpu_id_ebusy_eperm_unregister",
         "qemu-user 7.2 answers ENOSYS to rseq"},
        {"preadv2_minus_one_uses_file_offset",
         "qemu-user 7.2 answers ENOSYS to preadv2 and pwritev2"},
        {"pwritev2_append_and_unknown_flag",
         "qemu-user 7.2 answers ENOSYS to preadv2 and pwritev2"},
        {"execveat_directory_fd_and_empty_path",
         "qemu-user 7.2 answers ENOSYS to execveat"},
        {"execveat_fdcwd_relative_and_absolute_ignore_dirfd",
         "qemu-user 7.2 answers ENOSYS to execveat"},
        {"execveat_errors_ebadf_enotdir_eloop_einval",
         "qemu-user 7.2 answers ENOSYS to execveat"},
        {"undefined_instruction_sigill_ill_illopc_at_pc",
         "qemu-user 7.2 sends SIGILL with si_code ILL_ILLOPN (2) for an undefined instruction; arm64 Linux sends ILL_ILLOPC (1)"},
        {"execve_comm_is_file_name_cut_to_15_bytes",
         "qemu-user passes execve to the host kernel, which cannot run an AArch64 binary without binfmt_misc (ENOEXEC)"},
        {"getdents64_ext4_hash_order_d_off_resumes_after_lseek",
         "qemu-user works on the host's filesystem, whose /var/tmp need not be ext4 (the test checks ext4's hash positions on the image's root)"},
        {"nice_value_in_proc_self_stat",
         "qemu-user 7.2 makes up /proc/self/stat's priority and nice fields as 0"},
        {"proc_self_stat_52_fields_pid_comm_state_ppid_groups",
         "qemu-user 7.2 makes up /proc/self/stat with 44 fields, most of them 0"},
        {"stack_area_starts_small_and_grows_to_a_store_below_it",
         "qemu-user 7.2 maps the guest's whole stack (RLIMIT_STACK's 8 MiB) at start; it never grows"},
        {"stack_store_past_rlimit_stack_sigsegv",
         "qemu-user 7.2 maps the guest's whole stack at start, so a store below a lowered RLIMIT_STACK finds memory there"},
        {"proc_self_stat_addresses_hold_code_stack_argv_environ",
         "qemu-user 7.2 makes up /proc/self/stat with 44 fields, its addresses 0"},
        {"proc_self_statm_size_is_the_total_of_maps",
         "qemu-user 7.2 passes /proc/self/statm to the host (qemu's own memory) but makes up /proc/self/maps from the guest's"},
        {"proc_self_status_name_state_pid_ppid_tgid_threads",
         "qemu-user 7.2 passes /proc/self/status to the host: Name is qemu-aarch64"},
        {"proc_self_task_lists_each_thread",
         "qemu-user 7.2 passes /proc/self/task to the host, where qemu's own RCU thread is one more"},
        {"proc_self_stat_and_proc_stat_times_agree_with_getrusage",
         "qemu-user 7.2 makes up /proc/self/stat with 44 fields and no CPU times"},
        {"execveat_comm_names_descriptor_file",
         "qemu-user 7.2 answers ENOSYS to execveat"},
        {"tty_setsid_tiocsctty_dev_tty_tiocgsid",
         "qemu-user 7.2 passes TIOCGSID to the host but does not copy its pid_t back (the caller reads 0)"},
        {"tty_session_leader_open_acquires_non_leader_does_not",
         "qemu-user 7.2 passes TIOCGSID to the host but does not copy its pid_t back (the caller reads 0)"},
        {"signalfd_errors_einval_efault_ebadf",
         "qemu-user 7.2 does not check signalfd4's sizemask (a sizemask of 4 makes a signalfd instead of EINVAL)"},
        {"signalfd_timer_signal_si_timer_value_and_id",
         "qemu-user 7.2 hands out its own timer ids (0x0caf0000 | n) while the signal carries the host's, so ssi_tid and the id differ"},
        {"epoll_pwait2_timespec_timeout",
         "qemu-user 7.2 answers ENOSYS to epoll_pwait2"},
        {"sa_nocldstop_no_sigchld_for_stop_and_continue",
         "qemu-user 7.2 passes only SA_RESTART of a handler's flags to the host's sigaction, so the host sends SIGCHLD for stops and continues and qemu hands it on despite SA_NOCLDSTOP"},
        {"ptrace_traceme_sigstop_stop_seen_by_parent_wait4",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_syscall_entry_exit_stops_regset_and_syscall_info",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_skip_syscall_by_nt_arm_system_call_minus_one",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_peekdata_pokedata_and_errors",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_o_tracefork_event_geteventmsg_and_child_traced",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_detach_resumes_tracee",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_attach_then_kill_and_errors",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_seize_interrupt_event_stop_then_detach",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_o_traceexec_event_exec_and_event_exit",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_seize_group_stopped_child_listen_and_sigcont",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_parent_not_tracer_sees_group_stop_kept_after_detach",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"ptrace_interrupted_nanosleep_goes_on_as_restart_syscall",
         "qemu-user 7.2 answers ENOSYS to ptrace"},
        {"process_vm_readv_reads_another_process_efault_esrch",
         "qemu-user 7.2 answers ENOSYS to process_vm_readv"},
    };

    /** The names of the tests listed here. */
    public static String[] names() {
        String[] names = new String[GAPS.length];
        for (int i = 0; i < GAPS.length; i++) {
            names[i] = GAPS[i][0];
        }
        return names;
    }

    /** Why {@code test} cannot pass under qemu-user, or null when it can. */
    public static String reason(String test) {
        for (String[] gap : GAPS) {
            if (gap[0].equals(test)) {
                return gap[1];
            }
        }
        return null;
    }
}
