//! Typesetting that survives real motions: every shipped motion and every motion of the test
//! corpus (`tests/data/corpus/`), in both variants, with and without line numbers: no glyph
//! beyond the text frame, no page that holds only rules or a lone heading, no straight
//! apostrophe in the text, ordinals raised, names unbroken.

mod common;

use std::path::PathBuf;

use common::{motion, pdf_text, repo, run};
use motion::document::{Document, Role, Variant};
use motion::layout::{ElementKind, Origin, Page, Part};
use motion::source::Sources;
use motion::template::{RenderOptions, Template};

fn specs() -> Vec<PathBuf> {
    let mut out = vec![repo("motions/forest.toml")];
    for dir in ["examples", "tests/data/corpus"] {
        let mut found: Vec<PathBuf> = std::fs::read_dir(repo(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                p.extension().is_some_and(|e| e == "toml")
                    && !common::is_amendment_file(p)
                    && !common::is_session_file(p)
            })
            .collect();
        found.sort();
        out.extend(found);
    }
    out
}

/// Every spec in each variant, with and without line numbers, laid out, its pages drawn.
fn each_layout(mut check: impl FnMut(&str, &Document, &[Page])) {
    let mut sources = Sources::new();
    let template = Template::embedded("default", &mut sources).unwrap();
    for spec_path in specs() {
        let mut sources = Sources::new();
        let spec = motion::spec::load(&spec_path, &mut sources).unwrap();
        for variant in [Variant::Projet, Variant::Extrait] {
            for line_numbers in [false, true] {
                let opts = RenderOptions {
                    variant: Some(variant),
                    line_numbers,
                    ..RenderOptions::default()
                };
                let doc = motion::template::render(&spec, &template, &opts, &mut sources)
                    .unwrap_or_else(|e| panic!("{}: {e}", spec_path.display()));
                let layout = motion::layout::layout(&doc).unwrap();
                let name = format!(
                    "{} {}{}",
                    spec_path.file_name().unwrap().to_string_lossy(),
                    variant.code(),
                    if line_numbers { " --line-numbers" } else { "" }
                );
                let pages = layout.drawn_pages(&doc).unwrap();
                check(&name, &doc, &pages);
            }
        }
    }
}

#[test]
fn no_glyph_runs_into_the_margin() {
    let mut overfull = Vec::new();
    each_layout(|name, doc, pages| {
        let page = &doc.theme.page;
        let left = page.margin_left.pt();
        let right = page.width.pt() - page.margin_right.pt();
        for (n, p) in pages.iter().enumerate() {
            for e in &p.elements {
                let (ElementKind::Text { x, runs, .. }, Origin::Content { .. }) =
                    (&e.kind, e.origin)
                else {
                    continue;
                };
                for run in runs {
                    // The trailing space of a run is no ink.
                    let ink: f32 = run.width()
                        - run
                            .glyphs
                            .iter()
                            .rev()
                            .take_while(|g| run.text[g.range.clone()].trim().is_empty())
                            .map(|g| g.advance)
                            .sum::<f32>();
                    let (start, end) = (x + run.x, x + run.x + ink);
                    if end > right + 0.05 || start < left - 0.05 {
                        overfull.push(format!(
                            "{name} page {}: « {} » spans {start:.1}–{end:.1} pt, frame {left:.1}–{right:.1}",
                            n + 1,
                            run.text
                        ));
                    }
                }
            }
        }
    });
    assert!(overfull.is_empty(), "{}", overfull.join("\n"));
}

#[test]
fn no_page_holds_only_rules_or_a_heading() {
    let mut stranded = Vec::new();
    each_layout(|name, doc, pages| {
        for (n, p) in pages.iter().enumerate() {
            // What the page says, besides headings: text of any other role.
            let text = p.elements.iter().any(|e| match (&e.kind, e.origin) {
                (ElementKind::Text { .. }, Origin::Content { block, .. }) => {
                    doc.blocks[block].role != Role::Heading
                }
                _ => false,
            });
            if !text {
                stranded.push(format!("{name}: page {} has no text of its own", n + 1));
            }
        }
    });
    assert!(stranded.is_empty(), "{}", stranded.join("\n"));
}

#[test]
fn the_amendment_room_fills_the_last_page_with_at_least_three_rules() {
    each_layout(|name, doc, pages| {
        if doc.meta.variant != Variant::Projet {
            return;
        }
        let last = pages.last().unwrap();
        let rules = last
            .elements
            .iter()
            .filter(|e| {
                matches!(e.kind, ElementKind::Rule { .. })
                    && matches!(e.origin, Origin::Artifact(_))
            })
            .count();
        // The header rule, then the room's.
        assert!(rules > 3, "{name}: {rules} rules on the last page");
        let bottom = doc.theme.page.height.pt() - doc.theme.page.margin_bottom.pt();
        let lowest = last
            .elements
            .iter()
            .filter_map(|e| match e.kind {
                ElementKind::Rule { y, .. } => Some(y),
                _ => None,
            })
            .fold(0.0f32, f32::max);
        let leading = doc.theme.style("amendments").leading();
        assert!(
            bottom - lowest < 2.0 * leading,
            "{name}: the room stops {:.0} pt above the page's end",
            bottom - lowest
        );
    });
}

#[test]
fn signature_rows_are_apart() {
    each_layout(|name, doc, pages| {
        let style = doc.theme.style("signature");
        for block in &doc.blocks {
            let motion::document::BlockKind::Signatures { signatures, .. } = &block.kind else {
                continue;
            };
            let per_row = signatures.len().clamp(1, 3);
            for p in pages {
                // The lowest and highest baseline of each row of signatures on this page.
                let mut rows: std::collections::BTreeMap<usize, (f32, f32)> = Default::default();
                for e in &p.elements {
                    if let (
                        ElementKind::Text { baseline, .. },
                        Origin::Content {
                            part: Part::Signature(i),
                            ..
                        },
                    ) = (&e.kind, e.origin)
                    {
                        let r = rows.entry(i / per_row).or_insert((*baseline, *baseline));
                        r.0 = r.0.min(*baseline);
                        r.1 = r.1.max(*baseline);
                    }
                }
                let rows: Vec<(f32, f32)> = rows.into_values().collect();
                for pair in rows.windows(2) {
                    // A row's names and the next row's roles: more than a line of air.
                    let gap = pair[1].0 - pair[0].1;
                    assert!(
                        gap > style.leading() * 1.9,
                        "{name}: rows {gap:.1} pt apart"
                    );
                }
            }
        }
    });
}

#[test]
fn no_straight_apostrophe_and_raised_ordinals_in_the_pdf() {
    for spec in specs() {
        let dir = tempfile::tempdir().unwrap();
        let out = run(motion()
            .arg("render")
            .arg(&spec)
            .args(["--format", "pdf,json", "-o"])
            .arg(dir.path()));
        assert_eq!(out.code, 0, "{}", out.stderr);
        let stem = spec.file_stem().unwrap().to_string_lossy().into_owned();
        let json: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join(format!("{stem}.json"))).unwrap(),
        )
        .unwrap();
        let text = json.to_string();
        assert!(!text.contains('\''), "{stem}: a straight apostrophe");
        // No ordinal is left flat: a digit followed by its suffix in ordinary text.
        let flat = flat_ordinals(&json);
        assert!(flat.is_empty(), "{stem}: flat ordinals in {flat:?}");
        let Some(pdf) = pdf_text(&dir.path().join(format!("{stem}.pdf"))) else {
            return;
        };
        assert!(
            !pdf.contains('\''),
            "{stem}: a straight apostrophe in the PDF"
        );
    }
}

/// Text pieces (not raised) that still hold an ordinal: a digit directly followed by « er »,
/// « re », « e », « es » (French) or « ste », « de », « e » (Dutch) ending the word.
fn flat_ordinals(json: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for block in json["blocks"].as_array().unwrap() {
        let suffixes: &[&str] = if block["lang"] == "nl" {
            &["ste", "de", "e"]
        } else {
            &["ers", "res", "er", "re", "es", "e"]
        };
        let mut pieces: Vec<&serde_json::Value> = Vec::new();
        pieces.extend(block["inlines"].as_array().into_iter().flatten());
        for item in block["items"].as_array().into_iter().flatten() {
            pieces.extend(item["inlines"].as_array().into_iter().flatten());
        }
        for piece in pieces {
            let Some(text) = piece["text"].as_str() else {
                continue;
            };
            if piece["superscript"] == true || text.contains("://") {
                continue;
            }
            let chars: Vec<char> = text.chars().collect();
            for (i, c) in chars.iter().enumerate() {
                if !c.is_ascii_digit() {
                    continue;
                }
                let rest: String = chars[i + 1..].iter().collect();
                let flat = suffixes.iter().any(|s| {
                    rest.starts_with(s)
                        && !rest[s.len()..]
                            .chars()
                            .next()
                            .is_some_and(char::is_alphanumeric)
                });
                if flat {
                    out.push(text.to_string());
                }
            }
        }
    }
    out
}

/// Line numbers count the lines an amendment cites: every fifth line of the motion's own text
/// (preamble, considérants, formula, demands, vote), per page; never the kicker, the title, a
/// heading or a ruled line.
#[test]
fn line_numbers_count_the_motion_text_only() {
    each_layout(|name, doc, pages| {
        if !doc.line_numbers {
            return;
        }
        for (n, p) in pages.iter().enumerate() {
            let mut text_lines: Vec<f32> = Vec::new();
            let mut other_lines: Vec<f32> = Vec::new();
            let mut numbered: Vec<(f32, usize)> = Vec::new();
            for e in &p.elements {
                match (&e.kind, e.origin) {
                    (
                        ElementKind::Text { baseline, runs, .. },
                        Origin::Artifact(motion::layout::Artifact::LineNumber),
                    ) => {
                        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
                        numbered.push((*baseline, text.parse().unwrap()));
                    }
                    (
                        ElementKind::Text { baseline, .. },
                        Origin::Content {
                            block,
                            part: Part::Text | Part::Body(_),
                        },
                    ) => {
                        if doc.blocks[block].role.is_motion_text() {
                            text_lines.push(*baseline);
                        } else {
                            other_lines.push(*baseline);
                        }
                    }
                    _ => {}
                }
            }
            text_lines.sort_by(f32::total_cmp);
            text_lines.dedup_by(|a, b| (*a - *b).abs() < 0.5);
            let expected: Vec<(f32, usize)> = text_lines
                .iter()
                .enumerate()
                .filter(|(k, _)| (k + 1) % 5 == 0)
                .map(|(k, y)| (*y, k + 1))
                .collect();
            assert_eq!(numbered, expected, "{name}, page {}", n + 1);
            for (y, _) in &numbered {
                assert!(
                    !other_lines.iter().any(|o| (o - y).abs() < 0.5),
                    "{name}: a kicker, title or heading line is numbered"
                );
            }
        }
    });
}
