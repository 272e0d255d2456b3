//! glibc's allocator, set for repeated renders and for long documents (BENCHMARKS
//! « Memory », « Warm render »): the one `unsafe` call of motion.

/// Bytes of spec text past which a document is long: about 60 pages, past the 45 pages a
/// layout keeps drawn.
pub const LONG_INPUT: usize = 256 * 1024;

/// Before a long document is laid out (its pages will be drawn again one at a time): one
/// arena per core at most, instead of one per thread that ever allocated, and free memory
/// given back to the system once 4 MB of it sit at the top of the heap. With the
/// defaults, the PDF and the DOCX of a 2 MB preamble written side by side kept 88 MB
/// resident for a 25 MB heap; 39 MB with these. Not set for short documents: with the
/// mmap threshold at 128 KB, the compressors' 260 KB states are mapped and unmapped each
/// time (a cold render of forest.toml took 0.6 ms more CPU); they keep the figures of
/// [`for_repeated_renders`]. Set once the long spec is read, before anything large is
/// allocated or any render thread started (the thread loading the default template may
/// already have its arena).
pub fn for_long_documents() {
    set(&[
        (Setting::ArenaMax, 2),
        (Setting::TrimThreshold, 4 << 20),
        // Back to the default: blocks of 128 KB and more mapped on their own, and unmapped
        // when freed (reading the spec raised it, as glibc does after a large free).
        (Setting::MmapThreshold, 128 << 10),
    ]);
}

/// Set at the start of every command: each deflate stream (nine in a PDF, a few in a
/// DOCX) allocates a 260 KB compressor state, zeroed, and frees it. With glibc's defaults
/// the heap's top is given back to the system after such a free and faulted in again by
/// the next state: a warm render of forest.toml's PDF took 1.15 ms instead of 0.84 (one
/// render in `motion watch` or a batch, `examples/bench`). Blocks under 1 MB now come from
/// the heap, and up to 16 MB free at its top are kept. A cold render is unchanged (7.8 ms
/// both ways in one interleaved run). A long document sets its own, smaller, figures.
pub fn for_repeated_renders() {
    set(&[
        (Setting::MmapThreshold, 1 << 20),
        (Setting::TrimThreshold, 16 << 20),
    ]);
}

#[derive(Clone, Copy)]
enum Setting {
    ArenaMax,
    TrimThreshold,
    MmapThreshold,
}

#[allow(unsafe_code, reason = "mallopt is a C function")]
fn set(settings: &[(Setting, i32)]) {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    for &(setting, value) in settings {
        let param = match setting {
            Setting::ArenaMax => libc::M_ARENA_MAX,
            Setting::TrimThreshold => libc::M_TRIM_THRESHOLD,
            Setting::MmapThreshold => libc::M_MMAP_THRESHOLD,
        };
        // SAFETY: mallopt only sets parameters of the allocator; it takes the allocator's
        // locks.
        unsafe {
            libc::mallopt(param, value);
        }
    }
    #[cfg(not(all(target_os = "linux", target_env = "gnu")))]
    let _ = settings;
}
