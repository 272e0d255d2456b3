//! Optimal-fit line breaking over boxes, glue and penalties (Knuth & Plass, « Breaking
//! Paragraphs into Lines », 1981): minimises the total demerits of a paragraph, with tight and
//! loose lines kept apart and consecutive hyphens discouraged.

/// Cost of a forced break.
pub const FORCED: f32 = f32::NEG_INFINITY;
/// Cost that forbids a break.
pub const FORBIDDEN: f32 = f32::INFINITY;

/// A paragraph item, widths in points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Item {
    /// Material that is never split (a word or word fragment).
    Box { width: f32 },
    /// Space that may stretch and shrink; a break may happen here after a box.
    Glue {
        width: f32,
        stretch: f32,
        shrink: f32,
    },
    /// A possible break of a given cost; `width` is added to the line if it breaks here (a
    /// hyphen); `flagged` marks hyphens, discouraged on consecutive lines.
    Penalty {
        width: f32,
        cost: f32,
        flagged: bool,
    },
}

/// Tuning of the breaker, TeX's names in the comments.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Largest badness (100·r³) accepted; `f32::INFINITY` accepts any underfull line.
    pub tolerance: f32,
    /// \linepenalty: demerits per line, to prefer fewer lines.
    pub line_penalty: f32,
    /// \doublehyphendemerits: two hyphenated lines in a row.
    pub flagged_demerits: f32,
    /// \finalhyphendemerits: a hyphen ending the last full line.
    pub final_hyphen_demerits: f32,
    /// \adjdemerits: adjacent lines of very different tightness.
    pub fitness_demerits: f32,
    /// Stretch every line has at its end (\rightskip), for ragged text.
    pub line_end_stretch: f32,
    /// Whether flagged penalties (hyphens) may be used at all.
    pub hyphenate: bool,
    /// \emergencystretch: stretch every line gets in the last passes, so that a paragraph
    /// with no good breaks spreads its looseness over many lines instead of one.
    pub emergency_stretch: f32,
    /// A last line shorter than this fraction of the measure (one short word: « ans. »)
    /// costs `short_last_demerits`.
    pub short_last_line: f32,
    pub short_last_demerits: f32,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            tolerance: 400.0,
            line_penalty: 10.0,
            // Two hyphens in a row cost about a loose line (ratio ≈ 1.15): they remain only
            // where the alternative is one.
            flagged_demerits: 30_000.0,
            final_hyphen_demerits: 5_000.0,
            emergency_stretch: 0.0,
            short_last_line: 0.12,
            short_last_demerits: 10_000.0,
            fitness_demerits: 100.0,
            line_end_stretch: 0.0,
            hyphenate: true,
        }
    }
}

/// A chosen break and how much its line's glue must stretch (r > 0) or shrink (r < 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Break {
    /// Index of the glue or penalty item the line ends at.
    pub item: usize,
    pub ratio: f32,
}

#[derive(Debug, Clone, Copy, Default)]
struct Totals {
    width: f32,
    stretch: f32,
    shrink: f32,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    item: usize,
    line: usize,
    fitness: u8,
    totals: Totals,
    demerits: f64,
    ratio: f32,
    flagged: bool,
    /// Hyphenated lines in a row ending at this node.
    hyphens: u8,
    prev: Option<usize>,
}

/// Breaks a paragraph. `width(line)` is the measure of each line (0-based). The last item must
/// be a forced penalty. Tries a strict pass without hyphens, then with hyphens, then accepts
/// any underfull line; boxes wider than the measure must have been split by the caller.
pub fn break_lines(items: &[Item], width: &dyn Fn(usize) -> f32, params: &Params) -> Vec<Break> {
    let strict = Params {
        tolerance: params.tolerance.min(100.0),
        hyphenate: false,
        ..*params
    };
    let loose = Params {
        line_end_stretch: params.line_end_stretch + params.emergency_stretch,
        ..*params
    };
    let passes = [
        strict,
        *params,
        loose,
        Params {
            tolerance: f32::INFINITY,
            ..loose
        },
    ];
    for (i, pass) in passes.iter().enumerate() {
        if i == 0 && !params.hyphenate {
            continue;
        }
        if let Some(breaks) = run(items, width, pass) {
            return breaks;
        }
    }
    // Unreachable with split boxes; fall back to one break per forced penalty.
    items
        .iter()
        .enumerate()
        .filter(|(_, it)| matches!(it, Item::Penalty { cost, .. } if *cost == FORCED))
        .map(|(i, _)| Break {
            item: i,
            ratio: 0.0,
        })
        .collect()
}

/// One pass of the algorithm: `None` when no feasible set of breaks exists at this tolerance.
fn run(items: &[Item], width: &dyn Fn(usize) -> f32, params: &Params) -> Option<Vec<Break>> {
    let sums = prefix_sums(items);
    let mut nodes = vec![Node {
        item: 0,
        line: 0,
        fitness: 1,
        totals: Totals::default(),
        demerits: 0.0,
        ratio: 0.0,
        flagged: false,
        hyphens: 0,
        prev: None,
    }];
    let mut active: Vec<usize> = vec![0];
    for (i, item) in items.iter().enumerate() {
        let Some(candidate) = breakpoint(items, i, params) else {
            continue;
        };
        let is_last = i + 1 == items.len();
        // Best way to reach this break per fitness class: (demerits, from node, ratio).
        let mut best: [Option<(f64, usize, f32)>; 4] = [None; 4];
        let mut keep = Vec::with_capacity(active.len());
        for &a in &active {
            let node = nodes[a];
            let ratio = line_ratio(&sums, &node, i, candidate.width, width(node.line), params);
            if ratio >= -1.0 && candidate.cost != FORCED {
                keep.push(a);
            }
            let Some(mut demerits) = line_demerits(&node, ratio, &candidate, is_last, params)
            else {
                continue;
            };
            // A paragraph ending on one short word (« ans. », « du / Sénat. ») costs.
            let length = sums[i].width - node.totals.width;
            if is_last && node.prev.is_some() && length < params.short_last_line * width(node.line)
            {
                demerits += params.short_last_demerits as f64;
            }
            let total = node.demerits + demerits;
            let slot = &mut best[fitness_class(ratio) as usize];
            if slot.is_none_or(|(d, _, _)| total < d) {
                *slot = Some((total, a, ratio));
            }
        }
        active = keep;
        let min = best
            .iter()
            .flatten()
            .map(|b| b.0)
            .fold(f64::INFINITY, f64::min);
        if min.is_finite() {
            let after = totals_after(items, i, item, &sums);
            for (fitness, found) in best.iter().enumerate() {
                if let Some((demerits, from, ratio)) = *found
                    && demerits <= min + params.fitness_demerits as f64
                {
                    nodes.push(Node {
                        item: i,
                        line: nodes[from].line + 1,
                        fitness: u8::try_from(fitness).unwrap_or(u8::MAX),
                        totals: after,
                        demerits,
                        ratio,
                        flagged: candidate.flagged,
                        hyphens: if candidate.flagged {
                            nodes[from].hyphens + 1
                        } else {
                            0
                        },
                        prev: Some(from),
                    });
                    active.push(nodes.len() - 1);
                }
            }
        }
        if active.is_empty() {
            return None;
        }
    }
    trace_back(&nodes, &active, items.len().checked_sub(1)?)
}

/// A legal break: its width if taken (a hyphen), cost and whether it is a hyphen.
struct Candidate {
    width: f32,
    cost: f32,
    flagged: bool,
}

/// Whether item `i` is a legal break: a penalty that is not forbidden (hyphens only when
/// hyphenating), or glue right after a box.
fn breakpoint(items: &[Item], i: usize, params: &Params) -> Option<Candidate> {
    match items[i] {
        Item::Penalty {
            width,
            cost,
            flagged,
        } => (cost != FORBIDDEN && (!flagged || params.hyphenate)).then_some(Candidate {
            width,
            cost,
            flagged,
        }),
        Item::Glue { .. } if i > 0 && matches!(items[i - 1], Item::Box { .. }) => Some(Candidate {
            width: 0.0,
            cost: 0.0,
            flagged: false,
        }),
        _ => None,
    }
}

/// `sums[k]`: totals of `items[0..k)`.
fn prefix_sums(items: &[Item]) -> Vec<Totals> {
    let mut sums = Vec::with_capacity(items.len() + 1);
    let mut acc = Totals::default();
    sums.push(acc);
    for item in items {
        if let Item::Box { width } = *item {
            acc.width += width;
        } else if let Item::Glue {
            width,
            stretch,
            shrink,
        } = *item
        {
            acc.width += width;
            acc.stretch += stretch;
            acc.shrink += shrink;
        }
        sums.push(acc);
    }
    sums
}

/// How much the line from `node` to break `i` must stretch (r > 0) or shrink (r < 0).
fn line_ratio(
    sums: &[Totals],
    node: &Node,
    i: usize,
    penalty_width: f32,
    measure: f32,
    params: &Params,
) -> f32 {
    let length = sums[i].width - node.totals.width + penalty_width;
    if length < measure {
        let stretch = sums[i].stretch - node.totals.stretch + params.line_end_stretch;
        if stretch > 0.0 {
            (measure - length) / stretch
        } else {
            f32::INFINITY
        }
    } else if length > measure {
        let shrink = sums[i].shrink - node.totals.shrink;
        if shrink > 0.0 {
            (measure - length) / shrink
        } else {
            f32::NEG_INFINITY
        }
    } else {
        0.0
    }
}

/// The demerits of a line (Knuth & Plass, eq. 13 and the flagged and fitness terms), or
/// `None` when the line is infeasible at this pass's tolerance.
fn line_demerits(
    node: &Node,
    ratio: f32,
    candidate: &Candidate,
    is_last: bool,
    params: &Params,
) -> Option<f64> {
    let badness = if ratio.is_infinite() {
        1e6
    } else {
        100.0 * ratio.abs().powi(3)
    };
    let feasible = ratio >= -1.0 && (badness <= params.tolerance || params.tolerance.is_infinite());
    // Never three hyphenated lines in a row.
    if !feasible || (candidate.flagged && node.hyphens >= 2) {
        return None;
    }
    let base = (params.line_penalty as f64 + badness.min(1e6) as f64).powi(2);
    let cost = candidate.cost as f64;
    let mut demerits = if candidate.cost >= 0.0 {
        base + cost.powi(2)
    } else if candidate.cost != FORCED {
        base - cost.powi(2)
    } else {
        base
    };
    if candidate.flagged && node.flagged {
        demerits += params.flagged_demerits as f64;
    }
    if is_last && node.flagged {
        demerits += params.final_hyphen_demerits as f64;
    }
    if fitness_class(ratio).abs_diff(node.fitness) > 1 {
        demerits += params.fitness_demerits as f64;
    }
    Some(demerits)
}

/// Totals after a break at `i`: the glue and penalties that vanish there are skipped.
fn totals_after(items: &[Item], i: usize, item: &Item, sums: &[Totals]) -> Totals {
    let mut after = sums[i];
    for next in &items[i..] {
        match *next {
            Item::Box { .. } => break,
            Item::Glue {
                width,
                stretch,
                shrink,
            } => {
                after.width += width;
                after.stretch += stretch;
                after.shrink += shrink;
            }
            Item::Penalty { cost, .. } if cost == FORCED && next != item => break,
            Item::Penalty { .. } => {}
        }
    }
    after
}

/// The breaks of the best node that ends at the last item.
fn trace_back(nodes: &[Node], active: &[usize], last: usize) -> Option<Vec<Break>> {
    let end = active
        .iter()
        .copied()
        .filter(|&a| nodes[a].item == last && nodes[a].prev.is_some())
        .min_by(|&a, &b| nodes[a].demerits.total_cmp(&nodes[b].demerits))?;
    let mut breaks = Vec::new();
    let mut cursor = Some(end);
    while let Some(n) = cursor {
        if nodes[n].prev.is_some() {
            breaks.push(Break {
                item: nodes[n].item,
                ratio: nodes[n].ratio,
            });
        }
        cursor = nodes[n].prev;
    }
    breaks.reverse();
    Some(breaks)
}

/// Tight (0), decent (1), loose (2), very loose (3).
fn fitness_class(ratio: f32) -> u8 {
    if ratio < -0.5 {
        0
    } else if ratio <= 0.5 {
        1
    } else if ratio <= 1.0 {
        2
    } else {
        3
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words of the given widths separated by spaces of width 1 (stretch 1, shrink 0.5).
    fn words(widths: &[f32]) -> Vec<Item> {
        let mut items = Vec::new();
        for (i, &w) in widths.iter().enumerate() {
            if i > 0 {
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 1.0,
                    shrink: 0.5,
                });
            }
            items.push(Item::Box { width: w });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: 1e6,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: FORCED,
            flagged: false,
        });
        items
    }

    fn line_lengths(items: &[Item], breaks: &[Break]) -> Vec<f32> {
        let mut start = 0;
        let mut out = Vec::new();
        for b in breaks {
            let mut w = 0.0;
            for item in &items[start..b.item] {
                match item {
                    Item::Box { width } | Item::Glue { width, .. } => w += width,
                    Item::Penalty { .. } => {}
                }
            }
            if let Item::Penalty { width, .. } = items[b.item] {
                w += width;
            }
            out.push(w);
            start = b.item + 1;
            while start < items.len() && matches!(items[start], Item::Glue { .. }) {
                start += 1;
            }
        }
        out
    }

    #[test]
    fn no_line_is_overfull_and_the_last_is_ragged() {
        let widths: Vec<f32> = (0..60).map(|i| 2.0 + (i * 7 % 5) as f32).collect();
        let items = words(&widths);
        let breaks = break_lines(&items, &|_| 30.0, &Params::default());
        assert!(breaks.len() > 5);
        for (i, b) in breaks.iter().enumerate() {
            assert!(b.ratio >= -1.0, "line {i} overfull: {b:?}");
        }
        let lengths = line_lengths(&items, &breaks);
        for (i, (len, b)) in lengths.iter().zip(&breaks).enumerate() {
            // Natural length minus the most it can shrink never exceeds the measure.
            assert!(len - 0.5 * 30.0 <= 30.0, "line {i}: {len}");
            assert!(b.ratio.is_finite() || i + 1 == breaks.len());
        }
        let last = breaks.last().unwrap();
        assert_eq!(last.item, items.len() - 1);
        // The last line is set at its natural width (its final glue takes the slack).
        assert!(last.ratio.abs() < 1e-3, "ragged last line: {last:?}");
        assert!(*lengths.last().unwrap() <= 30.0);
    }

    #[test]
    fn hyphens_are_not_used_twice_in_a_row_when_avoidable() {
        // Two paragraphs' worth of words with a hyphenation point in each long word.
        let mut items = Vec::new();
        for i in 0..40 {
            if i > 0 {
                items.push(Item::Glue {
                    width: 1.0,
                    stretch: 1.0,
                    shrink: 0.4,
                });
            }
            items.push(Item::Box { width: 3.0 });
            items.push(Item::Penalty {
                width: 0.5,
                cost: 50.0,
                flagged: true,
            });
            items.push(Item::Box { width: 3.0 });
        }
        items.push(Item::Glue {
            width: 0.0,
            stretch: 1e6,
            shrink: 0.0,
        });
        items.push(Item::Penalty {
            width: 0.0,
            cost: FORCED,
            flagged: false,
        });
        let breaks = break_lines(&items, &|_| 20.5, &Params::default());
        let hyphenated: Vec<bool> = breaks
            .iter()
            .map(|b| matches!(items[b.item], Item::Penalty { flagged: true, .. }))
            .collect();
        assert!(
            hyphenated.windows(2).all(|w| !(w[0] && w[1])),
            "{hyphenated:?}"
        );
    }

    #[test]
    fn forced_breaks_are_honoured() {
        let mut items = words(&[3.0, 3.0]);
        items.insert(
            1,
            Item::Penalty {
                width: 0.0,
                cost: FORCED,
                flagged: false,
            },
        );
        let breaks = break_lines(&items, &|_| 100.0, &Params::default());
        assert_eq!(breaks.len(), 2);
        assert_eq!(breaks[0].item, 1);
    }

    #[test]
    fn a_looser_measure_is_used_when_nothing_fits_the_tolerance() {
        // Two long words that cannot be spread nicely on a wide line.
        let items = words(&[10.0, 10.0, 10.0]);
        let breaks = break_lines(&items, &|_| 25.0, &Params::default());
        assert!(!breaks.is_empty());
        assert_eq!(breaks.last().unwrap().item, items.len() - 1);
    }
}
