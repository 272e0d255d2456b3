//! The `motion` command: parse arguments, run, exit with the documented code.

fn main() -> std::process::ExitCode {
    tune_allocator();
    motion::cli::main()
}

/// glibc's allocator, set for long documents (BENCHMARKS « Memory »): one arena per core at
/// most, instead of one per thread that ever allocated, and free memory given back to the
/// system once 4 MB of it sit at the top of the heap. A long document's pages are drawn and
/// dropped one at a time; with the defaults, the PDF and the DOCX of a 2 MB preamble written
/// side by side kept 88 MB resident for a 25 MB heap, 39 MB with these.
#[allow(
    unsafe_code,
    reason = "mallopt is a C function; the one unsafe call of motion"
)]
fn tune_allocator() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets parameters of the allocator, before any thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 4 << 20);
    }
}
