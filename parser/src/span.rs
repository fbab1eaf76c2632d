//! Source positions: one [`Span`] type for every phase, and the [`Files`]
//! store that owns the text of every loaded file and turns byte offsets into
//! lines and columns (only when a diagnostic is rendered).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Identifies a file in a [`Files`] store.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct FileId(pub u32);

/// A byte range `start..end` in one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span of `start..end` in `file`.
    pub fn new(file: FileId, start: usize, end: usize) -> Span {
        Span {
            file,
            start: start as u32,
            end: end as u32,
        }
    }

    /// The smallest span covering both `self` and `other` (same file assumed).
    pub fn to(self, other: Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The byte range, for slicing source text.
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One file in the store.
#[derive(Debug)]
pub struct SourceFile {
    /// The name shown in diagnostics (a path, or `<stdlib>/Naturals.tla`).
    pub name: String,
    /// Where it was read from, if it came from disk.
    pub path: Option<PathBuf>,
    /// The text.
    pub source: Arc<str>,
    line_starts: Vec<usize>,
}

impl SourceFile {
    /// 0-based line index of a byte offset.
    pub fn line_index(&self, byte: usize) -> usize {
        match self.line_starts.binary_search(&byte) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    /// 1-based (line, column) of a byte offset; columns count characters.
    pub fn line_col(&self, byte: usize) -> (usize, usize) {
        let line = self.line_index(byte);
        let start = self.line_starts[line];
        let byte = byte.min(self.source.len());
        let col = self.source[start..byte].chars().count();
        (line + 1, col + 1)
    }
}

/// The store of every file a run has read.
#[derive(Debug, Default)]
pub struct Files {
    files: Vec<SourceFile>,
}

impl Files {
    /// An empty store.
    pub fn new() -> Files {
        Files::default()
    }

    /// Adds a file and returns its id.
    pub fn add(
        &mut self,
        name: impl Into<String>,
        path: Option<&Path>,
        source: impl Into<Arc<str>>,
    ) -> FileId {
        let source: Arc<str> = source.into();
        let line_starts = codespan_reporting::files::line_starts(&source).collect();
        self.files.push(SourceFile {
            name: name.into(),
            path: path.map(Path::to_path_buf),
            source,
            line_starts,
        });
        FileId(self.files.len() as u32 - 1)
    }

    /// Replaces the text of a file (a trace read in a streaming way is
    /// only loaded whole when a diagnostic must show it).
    pub fn set_source(&mut self, id: FileId, source: impl Into<Arc<str>>) {
        let source: Arc<str> = source.into();
        let f = &mut self.files[id.0 as usize];
        f.line_starts = codespan_reporting::files::line_starts(&source).collect();
        f.source = source;
    }

    /// The file with id `id`.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The text a span covers.
    pub fn slice(&self, span: Span) -> &str {
        let src = &self.get(span.file).source;
        let r = span.range();
        src.get(r).unwrap_or("")
    }

    /// Every file, in the order added.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }
}

impl<'a> codespan_reporting::files::Files<'a> for Files {
    type FileId = FileId;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| f.name.as_str())
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn source(&'a self, id: FileId) -> Result<&'a str, codespan_reporting::files::Error> {
        self.files
            .get(id.0 as usize)
            .map(|f| &*f.source)
            .ok_or(codespan_reporting::files::Error::FileMissing)
    }

    fn line_index(
        &'a self,
        id: FileId,
        byte_index: usize,
    ) -> Result<usize, codespan_reporting::files::Error> {
        let f = self
            .files
            .get(id.0 as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        Ok(f.line_index(byte_index))
    }

    fn line_range(
        &'a self,
        id: FileId,
        line_index: usize,
    ) -> Result<Range<usize>, codespan_reporting::files::Error> {
        let f = self
            .files
            .get(id.0 as usize)
            .ok_or(codespan_reporting::files::Error::FileMissing)?;
        let start = *f.line_starts.get(line_index).ok_or(
            codespan_reporting::files::Error::LineTooLarge {
                given: line_index,
                max: f.line_starts.len() - 1,
            },
        )?;
        let end = f
            .line_starts
            .get(line_index + 1)
            .copied()
            .unwrap_or(f.source.len());
        Ok(start..end)
    }
}
