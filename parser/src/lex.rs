//! Lexer: TLA+ source text to tokens, each with its span and the column it
//! starts at (the bullet rule of `/\` and `\/` lists needs columns).
//!
//! Built on nom over `&str`. Text before the first `---- MODULE` line and
//! after the matching `====` is ignored, as SANY does.

use crate::span::{FileId, Span};
use nom::branch::alt;
use nom::bytes::complete::{tag, take_while, take_while1};
use nom::character::complete::{char, digit1};
use nom::combinator::{opt, recognize};
use nom::sequence::{pair, preceded};
use nom::IResult;

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tok {
    /// An identifier (not a reserved word).
    Ident(String),
    /// A reserved word such as `LET`, `THEOREM` or `BY`.
    Keyword(&'static str),
    /// A natural number literal (decimal, `\b`, `\o` or `\h`), as its value
    /// in decimal digits.
    Number(String),
    /// A decimal literal `1.5`.
    Decimal(String),
    /// A string literal, escapes resolved.
    Str(String),
    /// An operator or punctuation symbol, in canonical spelling
    /// (`\land` is `/\`, `\union` is `\cup`, `=<` is `<=` ...).
    Sym(&'static str),
    /// `WF_` or `SF_` (the subscript follows as separate tokens).
    Fairness(&'static str),
    /// The `_` right after `]` or `>>` that introduces a subscript.
    Subscript,
    /// A proof step label such as `<1>2.`, `<1>a`, `<*>`, `<+>`: level
    /// (`None` for `*` and `+`), the name after `>`, whether a dot followed,
    /// and the level marker (`*` or `+` or the digits).
    Step {
        /// The numeric level, if any.
        level: Option<u32>,
        /// `*`, `+` or the digits.
        marker: String,
        /// The name after `>`, possibly empty.
        name: String,
        /// Whether the label ended in `.`.
        dot: bool,
    },
    /// `---- MODULE` (the name follows).
    ModuleStart,
    /// A line of four or more `-`.
    Separator,
    /// A line of four or more `=`.
    ModuleEnd,
    /// End of input.
    Eof,
}

/// A token with its position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub tok: Tok,
    /// Where it is.
    pub span: Span,
    /// 0-based line.
    pub line: u32,
    /// 0-based column, in characters.
    pub col: u32,
}

/// A lexing error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LexError {
    /// No `---- MODULE Name ----` line in the file. Input: `x == 1`.
    NoModule(Span),
    /// A `(*` comment that is never closed. Input: `(* note`.
    UnterminatedComment(Span),
    /// A string with no closing quote on its line. Input: `"abc`.
    UnterminatedString(Span),
    /// A character that starts no token. Input: `x == ¬y`.
    UnexpectedChar(Span, char),
    /// A `\` in a string followed by a character that is not one of
    /// `"`, `\`, `t`, `n`, `f`, `r`. Input: `"C:\temp"`.
    BadEscape(Span, char),
}

impl crate::diag::IntoDiagnostic for LexError {
    fn to_diagnostic(&self) -> crate::diag::Diag {
        use crate::diag::error_at;
        match self {
            LexError::NoModule(s) => error_at(
                *s,
                "no module found",
                "expected a line `---- MODULE Name ----` in this file",
            ),
            LexError::UnterminatedComment(s) => error_at(
                *s,
                "unterminated comment",
                "this `(*` is never closed by `*)`",
            ),
            LexError::UnterminatedString(s) => error_at(
                *s,
                "unterminated string",
                "this string has no closing `\"` on its line",
            ),
            LexError::UnexpectedChar(s, c) => error_at(
                *s,
                format!("unexpected character `{c}`"),
                "no TLA+ token starts with this character",
            ),
            LexError::BadEscape(s, c) => {
                let mut d = error_at(
                    *s,
                    format!("unknown escape `\\{c}` in a string"),
                    "not an escape of TLA+",
                );
                d.notes.push(
                    "TLA+ strings know the escapes `\\\"`, `\\\\`, `\\t`, `\\n`, `\\f` and `\\r`; write `\\\\` for a backslash".into(),
                );
                d
            }
        }
    }
}

/// Reserved words of TLA+ and of its proof language.
pub const KEYWORDS: &[&str] = &[
    "ACTION",
    "ASSUME",
    "ASSUMPTION",
    "AXIOM",
    "BY",
    "CASE",
    "CHOOSE",
    "CONSTANT",
    "CONSTANTS",
    "COROLLARY",
    "DEF",
    "DEFINE",
    "DEFS",
    "DOMAIN",
    "ELSE",
    "ENABLED",
    "EXCEPT",
    "EXTENDS",
    "HAVE",
    "HIDE",
    "IF",
    "IN",
    "INSTANCE",
    "LAMBDA",
    "LEMMA",
    "LET",
    "LOCAL",
    "MODULE",
    "NEW",
    "OBVIOUS",
    "OMITTED",
    "ONLY",
    "OTHER",
    "PICK",
    "PROOF",
    "PROPOSITION",
    "PROVE",
    "QED",
    "RECURSIVE",
    "STATE",
    "SUBSET",
    "SUFFICES",
    "TAKE",
    "TEMPORAL",
    "THEN",
    "THEOREM",
    "UNCHANGED",
    "UNION",
    "USE",
    "VARIABLE",
    "VARIABLES",
    "WITH",
    "WITNESS",
];

/// Backslash operators and their canonical spelling.
const BACKSLASH_OPS: &[(&str, &str)] = &[
    ("\\land", "/\\"),
    ("\\lor", "\\/"),
    ("\\lnot", "~"),
    ("\\neg", "~"),
    ("\\equiv", "<=>"),
    ("\\in", "\\in"),
    ("\\notin", "\\notin"),
    ("\\cup", "\\cup"),
    ("\\union", "\\cup"),
    ("\\cap", "\\cap"),
    ("\\intersect", "\\cap"),
    ("\\subseteq", "\\subseteq"),
    ("\\subset", "\\subset"),
    ("\\supseteq", "\\supseteq"),
    ("\\supset", "\\supset"),
    ("\\sqsubseteq", "\\sqsubseteq"),
    ("\\sqsubset", "\\sqsubset"),
    ("\\sqsupseteq", "\\sqsupseteq"),
    ("\\sqsupset", "\\sqsupset"),
    ("\\sqcap", "\\sqcap"),
    ("\\sqcup", "\\sqcup"),
    ("\\leq", "<="),
    ("\\geq", ">="),
    ("\\ll", "\\ll"),
    ("\\gg", "\\gg"),
    ("\\prec", "\\prec"),
    ("\\succ", "\\succ"),
    ("\\preceq", "\\preceq"),
    ("\\succeq", "\\succeq"),
    ("\\sim", "\\sim"),
    ("\\simeq", "\\simeq"),
    ("\\approx", "\\approx"),
    ("\\cong", "\\cong"),
    ("\\asymp", "\\asymp"),
    ("\\doteq", "\\doteq"),
    ("\\propto", "\\propto"),
    ("\\wr", "\\wr"),
    ("\\uplus", "\\uplus"),
    ("\\oplus", "(+)"),
    ("\\ominus", "(-)"),
    ("\\odot", "(.)"),
    ("\\oslash", "(/)"),
    ("\\otimes", "(\\X)"),
    ("\\bigcirc", "\\bigcirc"),
    ("\\bullet", "\\bullet"),
    ("\\star", "\\star"),
    ("\\circ", "\\o"),
    ("\\o", "\\o"),
    ("\\cdot", "\\cdot"),
    ("\\div", "\\div"),
    ("\\times", "\\X"),
    ("\\X", "\\X"),
    ("\\A", "\\A"),
    ("\\E", "\\E"),
    ("\\AA", "\\AA"),
    ("\\EE", "\\EE"),
    ("\\forall", "\\A"),
    ("\\exists", "\\E"),
    ("\\models", "|="),
];

/// Symbolic operators and punctuation, longest first within each prefix.
const SYMBOLS: &[&str] = &[
    "-+->", "<=>", "|->", "(\\X)", "...", "::=", "==", "=>", "=<", "=|", "<=", ">=", "<<", ">>",
    "<:", "<>", "->", "<-", "/\\", "\\/", "/=", "~>", "[]", "..", "::", ":=", ":>", "@@", "(+)",
    "(-)", "(.)", "(/)", "++", "--", "**", "//", "^^", "^+", "^*", "^#", "!!", "##", "$$", "??",
    "&&", "||", "%%", "|-", "-|", "|=", "-.", "(", ")", "[", "]", "{", "}", ",", ":", ".", "!",
    "@", "'", "=", "#", "<", ">", "+", "-", "*", "/", "^", "~", "%", "&", "|", "$", "_", "\\",
];

struct Lexer<'a> {
    src: &'a str,
    file: FileId,
    pos: usize,
    line: u32,
    line_start: usize,
    toks: Vec<Token>,
}

type Res<'a, T> = IResult<&'a str, T>;

fn ident_chars(i: &str) -> Res<'_, &str> {
    take_while1(|c: char| c.is_ascii_alphanumeric() || c == '_')(i)
}

fn number(i: &str) -> Res<'_, Tok> {
    let based = |p: &'static str, p2: &'static str, radix: u32| {
        move |i| {
            let (rest, digits) = preceded(
                alt((tag(p), tag(p2))),
                take_while1(move |c: char| c.is_digit(radix)),
            )(i)?;
            Ok((rest, Tok::Number(radix_to_decimal(digits, radix))))
        }
    };
    alt((
        based("\\b", "\\B", 2),
        based("\\o", "\\O", 8),
        based("\\h", "\\H", 16),
        decimal,
    ))(i)
}

fn decimal(i: &str) -> Res<'_, Tok> {
    let (rest, text) = recognize(pair(digit1, opt(pair(char('.'), digit1))))(i)?;
    // A digit run followed by a letter is an identifier, such as `1a`.
    if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return Err(nom::Err::Error(nom::error::Error::new(
            i,
            nom::error::ErrorKind::Digit,
        )));
    }
    if text.contains('.') {
        Ok((rest, Tok::Decimal(text.to_string())))
    } else {
        let trimmed = text.trim_start_matches('0');
        let t = if trimmed.is_empty() { "0" } else { trimmed };
        Ok((rest, Tok::Number(t.to_string())))
    }
}

/// Converts digits in `radix` to a decimal digit string (arbitrary length).
fn radix_to_decimal(digits: &str, radix: u32) -> String {
    // Little-endian base-10^9 limbs.
    let mut limbs: Vec<u64> = vec![0];
    for c in digits.chars() {
        let d = c.to_digit(radix).unwrap_or(0) as u64;
        let mut carry = d;
        for l in limbs.iter_mut() {
            let v = *l * radix as u64 + carry;
            *l = v % 1_000_000_000;
            carry = v / 1_000_000_000;
        }
        while carry > 0 {
            limbs.push(carry % 1_000_000_000);
            carry /= 1_000_000_000;
        }
    }
    let mut s = format!("{}", limbs.last().copied().unwrap_or(0));
    for l in limbs.iter().rev().skip(1) {
        s.push_str(&format!("{l:09}"));
    }
    s
}

/// Finds `----+ MODULE` (with optional spaces) starting at a line; returns the
/// byte offset of the dashes.
fn find_module_start(src: &str, from: usize) -> Option<usize> {
    let bytes = src.as_bytes();
    let mut i = from;
    while i + 4 <= bytes.len() {
        if &bytes[i..i + 4] == b"----" {
            let mut j = i;
            while j < bytes.len() && bytes[j] == b'-' {
                j += 1;
            }
            let rest = &src[j..];
            let trimmed = rest.trim_start_matches([' ', '\t']);
            if trimmed.starts_with("MODULE")
                && !trimmed[6..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            {
                return Some(i);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    None
}

impl<'a> Lexer<'a> {
    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    fn push(&mut self, tok: Tok, start: usize, end: usize) {
        let col = self.src[self.line_start..start].chars().count() as u32;
        self.toks.push(Token {
            tok,
            span: self.span(start, end),
            line: self.line,
            col,
        });
    }

    /// Advances over `n` bytes, keeping track of lines.
    fn advance(&mut self, n: usize) {
        let end = self.pos + n;
        for (k, b) in self.src.as_bytes()[self.pos..end].iter().enumerate() {
            if *b == b'\n' {
                self.line += 1;
                self.line_start = self.pos + k + 1;
            }
        }
        self.pos = end;
    }

    fn rest(&self) -> &'a str {
        &self.src[self.pos..]
    }

    /// Skips white space and comments; errors on an unterminated `(*`.
    fn skip_trivia(&mut self) -> Result<(), LexError> {
        loop {
            let rest = self.rest();
            let ws = rest.len() - rest.trim_start().len();
            if ws > 0 {
                self.advance(ws);
                continue;
            }
            if rest.starts_with("\\*") {
                let n = rest.find('\n').unwrap_or(rest.len());
                self.advance(n);
                continue;
            }
            if rest.starts_with("(*") {
                let start = self.pos;
                let mut depth = 0usize;
                let bytes = rest.as_bytes();
                let mut k = 0;
                while k < bytes.len() {
                    if bytes[k..].starts_with(b"(*") {
                        depth += 1;
                        k += 2;
                    } else if bytes[k..].starts_with(b"*)") {
                        depth -= 1;
                        k += 2;
                        if depth == 0 {
                            break;
                        }
                    } else {
                        k += 1;
                    }
                }
                if depth > 0 {
                    return Err(LexError::UnterminatedComment(self.span(start, start + 2)));
                }
                self.advance(k);
                continue;
            }
            return Ok(());
        }
    }

    fn string(&mut self) -> Result<(), LexError> {
        let start = self.pos;
        let rest = self.rest();
        let mut out = String::new();
        let mut chars = rest.char_indices().skip(1);
        while let Some((k, c)) = chars.next() {
            match c {
                '"' => {
                    self.push(Tok::Str(out), start, start + k + 1);
                    self.advance(k + 1);
                    return Ok(());
                }
                '\\' => match chars.next() {
                    Some((_, 'n')) => out.push('\n'),
                    Some((_, 't')) => out.push('\t'),
                    Some((_, 'r')) => out.push('\r'),
                    Some((_, 'f')) => out.push('\u{c}'),
                    Some((_, c2 @ ('"' | '\\'))) => out.push(c2),
                    Some((_, '\n')) | None => break,
                    Some((k2, c2)) => {
                        return Err(LexError::BadEscape(
                            self.span(start + k, start + k2 + c2.len_utf8()),
                            c2,
                        ));
                    }
                },
                '\n' => break,
                c => out.push(c),
            }
        }
        Err(LexError::UnterminatedString(self.span(start, start + 1)))
    }

    /// Lexes one token at the current position (trivia already skipped).
    /// Returns false at end of input.
    fn token(&mut self, depth: &mut u32) -> Result<bool, LexError> {
        let rest = self.rest();
        let start = self.pos;
        let Some(c) = rest.chars().next() else {
            return Ok(false);
        };
        // Module delimiters.
        if rest.starts_with("----") {
            let dashes = rest.len() - rest.trim_start_matches('-').len();
            let after = rest[dashes..].trim_start_matches([' ', '\t']);
            if after.starts_with("MODULE")
                && !after[6..].starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_')
            {
                let n = rest.len() - after.len() + 6;
                self.push(Tok::ModuleStart, start, start + n);
                self.advance(n);
                *depth += 1;
            } else {
                self.push(Tok::Separator, start, start + dashes);
                self.advance(dashes);
            }
            return Ok(true);
        }
        if rest.starts_with("====") {
            let n = rest.len() - rest.trim_start_matches('=').len();
            self.push(Tok::ModuleEnd, start, start + n);
            self.advance(n);
            *depth = depth.saturating_sub(1);
            return Ok(true);
        }
        if c == '"' {
            self.string()?;
            return Ok(true);
        }
        // Subscript `_` right after `]` or `>>`.
        if c == '_' {
            if let Some(prev) = self.toks.last() {
                if prev.span.end as usize == start
                    && matches!(prev.tok, Tok::Sym("]") | Tok::Sym(">>"))
                {
                    self.push(Tok::Subscript, start, start + 1);
                    self.advance(1);
                    return Ok(true);
                }
            }
        }
        // Numbers (including \b \o \h forms, which must come before `\o`).
        if c.is_ascii_digit() || (c == '\\' && rest.len() > 2) {
            if let Ok((after, tok)) = number(rest) {
                let n = rest.len() - after.len();
                self.push(tok, start, start + n);
                self.advance(n);
                return Ok(true);
            }
        }
        // Identifiers and keywords.
        if c.is_ascii_alphanumeric() || c == '_' {
            let (after, word) = ident_chars(rest)
                .map_err(|_| LexError::UnexpectedChar(self.span(start, start + c.len_utf8()), c))?;
            if (word.starts_with("WF_") || word.starts_with("SF_")) && word.len() >= 3 {
                let kw = if word.starts_with('W') { "WF_" } else { "SF_" };
                self.push(Tok::Fairness(kw), start, start + 3);
                self.advance(3);
                return Ok(true);
            }
            let n = rest.len() - after.len();
            if !word.chars().any(|c| c.is_ascii_alphabetic()) {
                // `_` (an operator parameter placeholder) and `__`: symbols.
                if word.chars().all(|c| c == '_') {
                    self.push(Tok::Sym("_"), start, start + 1);
                    self.advance(1);
                    return Ok(true);
                }
            }
            let tok = match KEYWORDS.iter().find(|k| **k == word) {
                Some(k) => Tok::Keyword(k),
                None => Tok::Ident(word.to_string()),
            };
            self.push(tok, start, start + n);
            self.advance(n);
            return Ok(true);
        }
        // Proof step labels: <1>2. <1>a <*> <+> <3>
        if c == '<' {
            if let Some(t) = step_label(rest) {
                let (tok, n) = t;
                self.push(tok, start, start + n);
                self.advance(n);
                return Ok(true);
            }
        }
        // Backslash operators.
        if c == '\\' {
            let (_, word) = preceded(
                char::<&str, nom::error::Error<&str>>('\\'),
                take_while(|c: char| c.is_ascii_alphabetic()),
            )(rest)
            .unwrap_or((rest, ""));
            if !word.is_empty() {
                let full = &rest[..word.len() + 1];
                if let Some((_, canon)) = BACKSLASH_OPS.iter().find(|(k, _)| *k == full) {
                    self.push(Tok::Sym(canon), start, start + full.len());
                    self.advance(full.len());
                    return Ok(true);
                }
            }
        }
        for s in SYMBOLS {
            if rest.starts_with(s) {
                let canon: &'static str = match *s {
                    "=<" => "<=",
                    "#" => "/=",
                    _ => s,
                };
                self.push(Tok::Sym(canon), start, start + s.len());
                self.advance(s.len());
                return Ok(true);
            }
        }
        Err(LexError::UnexpectedChar(
            self.span(start, start + c.len_utf8()),
            c,
        ))
    }
}

/// Recognises a proof step label at the start of `s`.
fn step_label(s: &str) -> Option<(Tok, usize)> {
    let b = s.as_bytes();
    if b.len() < 3 || b[0] != b'<' {
        return None;
    }
    let mut k = 1;
    let (level, marker) = if b[1] == b'*' || b[1] == b'+' {
        k = 2;
        (None, (b[1] as char).to_string())
    } else {
        while k < b.len() && b[k].is_ascii_digit() {
            k += 1;
        }
        if k == 1 {
            return None;
        }
        let digits = &s[1..k];
        (digits.parse().ok(), digits.to_string())
    };
    if k >= b.len() || b[k] != b'>' {
        return None;
    }
    k += 1;
    let name_start = k;
    while k < b.len() && (b[k].is_ascii_alphanumeric() || b[k] == b'_') {
        k += 1;
    }
    let name = s[name_start..k].to_string();
    let mut dot = false;
    while k < b.len() && b[k] == b'.' {
        // `<1>1..` never happens; a single dot (or several) ends the label.
        dot = true;
        k += 1;
    }
    Some((
        Tok::Step {
            level,
            marker,
            name,
            dot,
        },
        k,
    ))
}

/// Lexes one file. The result always ends with an [`Tok::Eof`] token.
pub fn lex(file: FileId, src: &str) -> Result<Vec<Token>, LexError> {
    let Some(begin) = find_module_start(src, 0) else {
        return Err(LexError::NoModule(Span::new(file, 0, src.len().min(1))));
    };
    let mut lx = Lexer {
        src,
        file,
        pos: 0,
        line: 0,
        line_start: 0,
        toks: Vec::new(),
    };
    lx.advance(begin);
    let mut depth = 0u32;
    loop {
        lx.skip_trivia()?;
        if !lx.token(&mut depth)? {
            break;
        }
        if depth == 0 {
            // The module has ended. Text up to the next `---- MODULE` line is
            // ignored; SANY reads further modules in the same file (they can
            // be EXTENDed by the first one), so they are lexed too.
            match find_module_start(src, lx.pos) {
                Some(next) => lx.advance(next - lx.pos),
                None => break,
            }
        }
    }
    let end = lx.pos;
    lx.push(Tok::Eof, end, end);
    Ok(lx.toks)
}

/// Lexes a whole text with no module framing (for `.cfg`-like snippets and
/// expressions given on the command line).
pub fn lex_fragment(file: FileId, src: &str) -> Result<Vec<Token>, LexError> {
    let mut lx = Lexer {
        src,
        file,
        pos: 0,
        line: 0,
        line_start: 0,
        toks: Vec::new(),
    };
    let mut depth = 1u32;
    loop {
        lx.skip_trivia()?;
        if !lx.token(&mut depth)? {
            break;
        }
    }
    let end = lx.pos;
    lx.push(Tok::Eof, end, end);
    Ok(lx.toks)
}

impl Tok {
    /// A short description for "expected ..., found ..." messages.
    pub fn describe(&self) -> String {
        match self {
            Tok::Ident(s) => format!("identifier `{s}`"),
            Tok::Keyword(k) => format!("`{k}`"),
            Tok::Number(n) => format!("number `{n}`"),
            Tok::Decimal(n) => format!("number `{n}`"),
            Tok::Str(_) => "a string".into(),
            Tok::Sym(s) => format!("`{s}`"),
            Tok::Fairness(f) => format!("`{f}`"),
            Tok::Subscript => "`_`".into(),
            Tok::Step { .. } => "a proof step label".into(),
            Tok::ModuleStart => "`---- MODULE`".into(),
            Tok::Separator => "`----`".into(),
            Tok::ModuleEnd => "`====`".into(),
            Tok::Eof => "end of file".into(),
        }
    }
}
