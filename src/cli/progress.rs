//! A progress bar for batches, on a terminal only: quiet in pipes and in CI.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar for `n` specs, or a hidden one when it would only add noise.
pub fn bar(n: usize) -> ProgressBar {
    let interactive = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
    if n < 2 || !interactive {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(n as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} specs  {elapsed_precise}")
    {
        bar.set_style(style);
    }
    bar
}
