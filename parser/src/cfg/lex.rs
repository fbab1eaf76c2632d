//! The lexer of `.cfg` files: TLA+ tokens (words, numbers, strings,
//! punctuation, operator symbols) with `\*` and nested `(* *)` comments
//! skipped, built on nom over the `&str` source; byte offsets are the
//! source length minus the length of the unparsed rest. Invalid text is
//! reported and skipped.

use super::error::CfgError;
use crate::span::{FileId, Span};
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{anychar, char, multispace1};
use nom::combinator::recognize;
use nom::sequence::pair;
use nom::IResult;

/// The kinds of token.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum TokKind {
    /// Identifier-shaped word (has a letter); keywords, TRUE and FALSE too.
    Word,
    /// Integer literal; the digits are `text[prefix..]`, in `radix`.
    Int {
        radix: u32,
        prefix: usize,
    },
    /// String literal with its decoded value.
    Str(String),
    /// `{ } ( ) [ ] , = <- << >> !`
    Punct,
    /// A TLA+ operator symbol (`+`, `++`, `\o`, `(+)`, ...).
    Op,
    /// A malformed word or number (already reported); parsed as a name or
    /// value so that it causes no further errors.
    Bad,
    Eof,
}

/// A token: its kind and byte range.
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// What it is.
    pub(super) kind: TokKind,
    /// Byte offset of its start.
    pub(super) start: usize,
    /// Byte offset of its end.
    pub(super) end: usize,
    /// First token on its line.
    pub(super) line_start: bool,
}

/// Structural punctuation of `.cfg` files.
const PUNCT: &[&str] = &[
    "<<", ">>", "<-", "{", "}", "(", ")", "[", "]", ",", "=", "!",
];

/// TLA+'s ASCII operator symbols (longest first) that are not backslash
/// words; `=`, `!`, `<-`, `<<`, `>>` are classified as punctuation.
const SYMBOLS: &[&str] = &[
    "-+->", "(\\X)", "<=>", "...", "::=", "(+)", "(-)", "(.)", "(/)", "<<", ">>", "<-", "!!", "##",
    "$$", "%%", "&&", "**", "++", "--", "-|", "..", "//", "/=", "/\\", ":=", ":>", "<:", "=<",
    "=>", "=|", ">=", "<=", "??", "@@", "\\/", "^^", "|-", "|=", "||", "~>", "^+", "^*", "^#",
    "-.", "{", "}", "(", ")", "[", "]", ",", "=", "!", "#", "$", "%", "&", "*", "+", "-", ".", "/",
    "<", ">", "?", "@", "\\", "^", "|", "~", ":",
];

type NomResult<'a, T> = IResult<&'a str, T>;

fn line_comment(i: &str) -> NomResult<'_, &str> {
    recognize(pair(tag("\\*"), take_while(|c| c != '\n')))(i)
}

/// A nested `(* ... *)` comment; `false` if the input ended inside it.
fn block_comment(i: &str) -> NomResult<'_, bool> {
    let (mut rest, _) = tag("(*")(i)?;
    let mut depth = 1usize;
    loop {
        if rest.is_empty() {
            return Ok((rest, false));
        }
        if let Ok((r, _)) = tag::<_, _, nom::error::Error<&str>>("(*")(rest) {
            depth += 1;
            rest = r;
        } else if let Ok((r, _)) = tag::<_, _, nom::error::Error<&str>>("*)")(rest) {
            depth -= 1;
            rest = r;
            if depth == 0 {
                return Ok((rest, true));
            }
        } else {
            rest = anychar(rest)?.0;
        }
    }
}

fn word(i: &str) -> NomResult<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')(i)
}

/// `\` followed by letters and digits: an operator (`\o`, `\cup`) or a
/// based number (`\b101`, `\o17`, `\h1F`).
fn backslash_word(i: &str) -> NomResult<'_, &str> {
    recognize(pair(
        char('\\'),
        take_while1(|c: char| c.is_ascii_alphanumeric()),
    ))(i)
}

fn symbol(i: &str) -> NomResult<'_, &'static str> {
    for s in SYMBOLS {
        if let Ok((rest, _)) = tag::<_, _, nom::error::Error<&str>>(*s)(i) {
            return Ok((rest, s));
        }
    }
    Err(nom::Err::Error(nom::error::Error::new(
        i,
        nom::error::ErrorKind::Tag,
    )))
}

/// A lexed string literal.
struct StrLit {
    /// The decoded value.
    value: String,
    /// Whether the closing quote was found.
    closed: bool,
    /// Offsets of invalid escapes, relative to the opening quote.
    bad_escapes: Vec<(usize, usize)>,
}

/// A string literal, from its opening quote to its closing quote or the
/// end of its line.
fn string_lit(i: &str) -> NomResult<'_, StrLit> {
    let (mut rest, _) = char('"')(i)?;
    let mut value = String::new();
    let mut bad = Vec::new();
    loop {
        let at = i.len() - rest.len();
        match rest.chars().next() {
            None | Some('\n') | Some('\r') => {
                let lit = StrLit {
                    value,
                    closed: false,
                    bad_escapes: bad,
                };
                return Ok((rest, lit));
            }
            Some('"') => {
                let lit = StrLit {
                    value,
                    closed: true,
                    bad_escapes: bad,
                };
                return Ok((&rest[1..], lit));
            }
            Some('\\') => {
                let (r, _) = anychar(rest)?;
                match r.chars().next() {
                    Some(c @ ('"' | '\\' | 'n' | 't' | 'r' | 'f')) => {
                        value.push(match c {
                            'n' => '\n',
                            't' => '\t',
                            'r' => '\r',
                            'f' => '\u{c}',
                            c => c,
                        });
                        rest = &r[1..];
                    }
                    Some(c) if c != '\n' && c != '\r' => {
                        bad.push((at, at + 1 + c.len_utf8()));
                        value.push('\\');
                        value.push(c);
                        rest = &r[c.len_utf8()..];
                    }
                    _ => {
                        bad.push((at, at + 1));
                        rest = r;
                    }
                }
            }
            Some(c) => {
                value.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
}

/// Splits `src` into tokens (ending with an `Eof` token), reporting lexical
/// errors; invalid text is reported and skipped.
pub(super) fn lex(src: &str, file: FileId) -> (Vec<Token>, Vec<CfgError>) {
    let span = |a: usize, b: usize| Span::new(file, a, b);
    let mut toks = Vec::new();
    let mut errors = Vec::new();
    let mut rest = src.strip_prefix('\u{feff}').unwrap_or(src);
    let mut line_start = true;
    loop {
        let at = src.len() - rest.len();
        // Trivia.
        if let Ok((r, ws)) = multispace1::<_, nom::error::Error<&str>>(rest) {
            line_start |= ws.contains('\n');
            rest = r;
            continue;
        }
        if let Ok((r, _)) = line_comment(rest) {
            rest = r;
            continue;
        }
        if let Ok((r, closed)) = block_comment(rest) {
            if !closed {
                errors.push(CfgError::UnterminatedComment {
                    span: span(at, at + 2),
                });
            }
            line_start |= rest[..rest.len() - r.len()].contains('\n');
            rest = r;
            continue;
        }
        if rest.is_empty() {
            toks.push(Token {
                kind: TokKind::Eof,
                start: src.len(),
                end: src.len(),
                line_start: true,
            });
            return (toks, errors);
        }
        let mut push = |kind, len: usize, line_start: &mut bool| {
            toks.push(Token {
                kind,
                start: at,
                end: at + len,
                line_start: *line_start,
            });
            *line_start = false;
        };
        // Words: identifiers, keywords, decimal numbers.
        if let Ok((r, w)) = word(rest) {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                push(
                    TokKind::Int {
                        radix: 10,
                        prefix: 0,
                    },
                    w.len(),
                    &mut line_start,
                );
            } else if w.bytes().any(|b| b.is_ascii_alphabetic()) {
                push(TokKind::Word, w.len(), &mut line_start);
            } else {
                errors.push(CfgError::InvalidToken {
                    text: w.to_string(),
                    span: span(at, at + w.len()),
                    reason: "identifiers need at least one letter and numbers are digits only",
                });
                push(TokKind::Bad, w.len(), &mut line_start);
            }
            rest = r;
            continue;
        }
        // Strings.
        if let Ok((
            r,
            StrLit {
                value,
                closed,
                bad_escapes: bad,
            },
        )) = string_lit(rest)
        {
            let len = rest.len() - r.len();
            for (a, b) in bad {
                errors.push(CfgError::InvalidEscape {
                    span: span(at + a, at + b),
                });
            }
            if !closed {
                errors.push(CfgError::UnterminatedString {
                    span: span(at, at + len),
                });
            }
            push(TokKind::Str(value), len, &mut line_start);
            rest = r;
            continue;
        }
        // Backslash words: operators or based numbers.
        if let Ok((r, w)) = backslash_word(rest) {
            let body = &w[1..];
            let radix = match body.as_bytes()[0] {
                b'b' | b'B' => Some(2),
                b'o' | b'O' => Some(8),
                b'h' | b'H' => Some(16),
                _ => None,
            };
            let digits = &body[1..];
            let is_number = radix.is_some_and(|radix| {
                !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix))
            });
            if let (Some(radix), true) = (radix, is_number) {
                push(TokKind::Int { radix, prefix: 2 }, w.len(), &mut line_start);
            } else if body.bytes().all(|b| b.is_ascii_alphabetic()) {
                push(TokKind::Op, w.len(), &mut line_start);
            } else {
                errors.push(CfgError::InvalidToken {
                    text: w.to_string(),
                    span: span(at, at + w.len()),
                    reason: if radix.is_some() {
                        "not a number: \\b takes binary, \\o octal and \\h hexadecimal digits"
                    } else {
                        "not a TLA+ operator or number"
                    },
                });
                push(TokKind::Bad, w.len(), &mut line_start);
            }
            rest = r;
            continue;
        }
        // Symbols.
        if let Ok((r, s)) = symbol(rest) {
            let kind = if PUNCT.contains(&s) {
                TokKind::Punct
            } else {
                TokKind::Op
            };
            push(kind, s.len(), &mut line_start);
            rest = r;
            continue;
        }
        // Anything else.
        let c = rest.chars().next().unwrap_or(' ');
        errors.push(CfgError::InvalidToken {
            text: c.to_string(),
            span: span(at, at + c.len_utf8()),
            reason: "this character is not part of any .cfg token",
        });
        rest = &rest[c.len_utf8()..];
    }
}
