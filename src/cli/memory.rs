//! glibc's allocator, set for long documents (BENCHMARKS « Memory »): the one `unsafe` call
//! of motion.

/// Bytes of spec text past which a document is long: about 60 pages, past the 45 pages a
/// layout keeps drawn.
pub const LONG_INPUT: usize = 256 * 1024;

/// Before a long document is laid out (its pages will be drawn again one at a time): one
/// arena per core at most, instead of one per thread that ever allocated, and free memory
/// given back to the system once 4 MB of it sit at the top of the heap. With the
/// defaults, the PDF and the DOCX of a 2 MB preamble written side by side kept 88 MB
/// resident for a 25 MB heap; 39 MB with these. Not set for short documents: fixing the
/// trim threshold also fixes the mmap threshold, and the compressors' 260 KB states are then
/// mapped and unmapped each time (a cold render of forest.toml took 0.6 ms more CPU). Set
/// once the long spec is read, before anything large is allocated or any thread started.
#[allow(unsafe_code, reason = "mallopt is a C function")]
pub fn for_long_documents() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only sets parameters of the allocator; it takes the allocator's locks.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
        libc::mallopt(libc::M_TRIM_THRESHOLD, 4 << 20);
        // Back to the default: blocks of 128 KB and more mapped on their own, and unmapped
        // when freed (reading the spec raised it, as glibc does after a large free).
        libc::mallopt(libc::M_MMAP_THRESHOLD, 128 << 10);
    }
}
