//! Output paths, the same for every subcommand: an output may not be an
//! input of the same run (the spec, its model file, the modules it loads,
//! the traces, the mapping file), and it is written to a temporary file in
//! the same folder and renamed over the target, so an interrupted run never
//! leaves a half-written file under the target's name.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Whether two paths name the same existing file (also through links).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// Checks, before anything is written, that `target` (given with the
/// command-line option `flag`, e.g. `--trace-out`) can be an output: not
/// one of `inputs`, not a folder, in a folder that exists. The message
/// names the option and the input it would overwrite.
pub fn check_output(flag: &str, target: &Path, inputs: &[&Path]) -> Result<(), String> {
    let shown = target.display();
    if let Some(input) = inputs.iter().find(|p| same_file(target, p)) {
        return Err(format!(
            "{flag} {shown} would overwrite the input file `{}`: give another file name",
            input.display()
        ));
    }
    if target.is_dir() {
        return Err(format!(
            "{flag} {shown} is a folder: give the name of the file to write"
        ));
    }
    let parent = parent(target);
    if !parent.is_dir() {
        return Err(format!(
            "{flag} {shown}: the folder `{}` does not exist",
            parent.display()
        ));
    }
    Ok(())
}

fn parent(target: &Path) -> &Path {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// A file being written: the bytes go to a temporary file next to the
/// target, which [`Output::commit`] renames over the target. Dropped
/// without a commit (an error, an early return), the temporary file is
/// removed and the target is left as it was.
pub struct Output {
    target: PathBuf,
    temp: PathBuf,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Output {
    /// Starts writing `target`.
    pub fn create(target: &Path) -> Result<Output, String> {
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let temp = parent(target).join(format!(".{name}.tlatrace-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp)
            .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
        Ok(Output {
            target: target.to_path_buf(),
            temp,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes the bytes and renames the temporary file over the target.
    pub fn commit(mut self) -> Result<(), String> {
        let err = |e: std::io::Error| format!("cannot write `{}`: {e}", self.target.display());
        if let Some(f) = self.file.take() {
            let f = f.into_inner().map_err(|e| err(e.into_error()))?;
            f.sync_all().map_err(err)?;
        }
        std::fs::rename(&self.temp, &self.target).map_err(|e| {
            let _ = std::fs::remove_file(&self.temp);
            err(e)
        })
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.file {
            Some(f) => f.write(buf),
            None => Err(std::io::Error::other("the output is closed")),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.file {
            Some(f) => f.flush(),
            None => Ok(()),
        }
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Writes `bytes` to `target` through a temporary file (see [`Output`]).
pub fn write(target: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut out = Output::create(target)?;
    out.write_all(bytes)
        .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
    out.commit()
}

/// Every file read from disk by a load (the spec, the modules it extends
/// or instances, the model file).
pub fn loaded_files(files: &parser::span::Files) -> Vec<PathBuf> {
    files.iter().filter_map(|(_, f)| f.path.clone()).collect()
}
