//! Colour for humans, as btcli has it: bold table headers, dim borders, the τ and α symbols,
//! green success and red failure. Off unless the stream is a terminal, and off with
//! `--no-color` or a non-empty `NO_COLOR` (<https://no-color.org>).
//!
//! Colour is applied to text that is already laid out (a rendered table), so escape codes
//! never count towards a column's width; tables stay aligned either way.

use anstyle::{AnsiColor, Style};
use std::{
    io::IsTerminal as _,
    sync::atomic::{AtomicBool, Ordering},
};

/// Set once by [`init`]: `--no-color` or `NO_COLOR` given.
static DISABLED: AtomicBool = AtomicBool::new(false);

/// Records `--no-color` and `NO_COLOR` for the whole process.
pub(crate) fn init(no_color: bool) {
    let env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    DISABLED.store(no_color || env, Ordering::Relaxed);
}

/// Whether standard output gets colour.
pub(crate) fn stdout_enabled() -> bool {
    !DISABLED.load(Ordering::Relaxed) && std::io::stdout().is_terminal()
}

/// Whether standard error gets colour.
pub(crate) fn stderr_enabled() -> bool {
    !DISABLED.load(Ordering::Relaxed) && std::io::stderr().is_terminal()
}

const HEADER: Style = Style::new().bold();
const BORDER: Style = Style::new().dimmed();
const TAO: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const ALPHA: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Magenta)));
const OK: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const BAD: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));

fn paint(style: Style, s: &str) -> String {
    format!("{style}{s}{style:#}")
}

fn is_border(c: char) -> bool {
    matches!(c, '\u{2500}'..='\u{257f}')
}

/// `text` coloured when `on`: table borders dim, the header row (the row above a `╞═══╡`
/// rule) bold, `τ` and `α` in their colours, `success`/`failed` cells green/red.
pub(crate) fn colorize(text: &str, on: bool) -> String {
    if !on {
        return text.to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let mut out = String::with_capacity(text.len() * 2);
    for (i, line) in lines.iter().enumerate() {
        let header = lines
            .get(i + 1)
            .is_some_and(|next| next.starts_with('\u{255e}'));
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            if word.is_empty() {
                return;
            }
            let w = std::mem::take(word);
            let painted = if header {
                paint(HEADER, &w)
            } else {
                match w.trim() {
                    "success" | "true" => paint(OK, &w),
                    "failed" => paint(BAD, &w),
                    _ => symbols(&w),
                }
            };
            out.push_str(&painted);
        };
        for c in line.chars() {
            if is_border(c) {
                flush(&mut word, &mut out);
                out.push_str(&paint(BORDER, &c.to_string()));
            } else {
                word.push(c);
            }
        }
        flush(&mut word, &mut out);
        if i + 1 < lines.len() || text.ends_with('\n') {
            out.push('\n');
        }
    }
    out
}

/// `τ` and `α` in their colours.
fn symbols(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'τ' => out.push_str(&paint(TAO, "τ")),
            'α' => out.push_str(&paint(ALPHA, "α")),
            _ => out.push(c),
        }
    }
    out
}

/// `s` in the warning colour when `on`.
pub(crate) fn warn(s: &str, on: bool) -> String {
    if on {
        paint(WARN, s)
    } else {
        s.to_string()
    }
}

/// `s` in the failure colour when `on`.
pub(crate) fn bad(s: &str, on: bool) -> String {
    if on {
        paint(BAD, s)
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut esc = false;
        for c in s.chars() {
            match (esc, c) {
                (false, '\x1b') => esc = true,
                (true, 'm') => esc = false,
                (true, _) => {}
                (false, c) => out.push(c),
            }
        }
        out
    }

    #[test]
    fn off_leaves_text_alone_and_on_only_adds_escapes() {
        let mut t = super::super::net::table(&["netuid", "stake"]);
        t.add_row(vec!["1", "2.5 α"]);
        t.add_row(vec!["2", "1 τ"]);
        let plain = t.to_string();
        assert_eq!(colorize(&plain, false), plain);
        let on = colorize(&plain, true);
        assert_ne!(on, plain);
        // Stripping the escapes gives back the aligned table, line for line.
        assert_eq!(strip(&on), plain);
        // The header is bold, the α magenta.
        assert!(on.contains("\x1b[1m"), "{on:?}");
        assert!(on.contains("\x1b[35mα"), "{on:?}");
    }

    #[test]
    fn outcomes_are_green_or_red() {
        let on = colorize("│ result │ success │\n│ result │ failed │", true);
        assert!(on.contains("\x1b[1m\x1b[32m success "), "{on:?}");
        assert!(on.contains("\x1b[1m\x1b[31m failed "), "{on:?}");
    }
}
