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
            "{flag} {shown} is an input of this run: it would overwrite the input file `{}`; give another file name",
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
/// removed and the target is left as it was. A target that exists and is
/// not a regular file (`/dev/stdout`, a pipe, a device) is written
/// directly; a link is followed, so that the file it names is replaced,
/// not the link.
pub struct Output {
    target: PathBuf,
    /// What the file is, for errors.
    what: String,
    /// The temporary file, None when writing to the target directly.
    temp: Option<PathBuf>,
    file: Option<std::io::BufWriter<std::fs::File>>,
}

impl Output {
    /// Starts writing `target`; `what` names it in errors ("the report").
    pub fn create(target: &Path, what: &str) -> Result<Output, String> {
        let err = |e: std::io::Error| format!("cannot write {what} `{}`: {e}", target.display());
        let real = match std::fs::metadata(target) {
            Ok(m) if !m.is_file() => {
                let file = std::fs::OpenOptions::new()
                    .write(true)
                    .truncate(true)
                    .open(target)
                    .map_err(err)?;
                return Ok(Output {
                    target: target.to_path_buf(),
                    what: what.into(),
                    temp: None,
                    file: Some(std::io::BufWriter::new(file)),
                });
            }
            Ok(_) => std::fs::canonicalize(target).map_err(err)?,
            Err(_) => target.to_path_buf(),
        };
        let name = real
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let temp = parent(&real).join(format!(".{name}.tlatrace-{}.tmp", std::process::id()));
        let file = std::fs::File::create(&temp).map_err(err)?;
        Ok(Output {
            target: real,
            what: what.into(),
            temp: Some(temp),
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Flushes the bytes and renames the temporary file over the target.
    pub fn commit(mut self) -> Result<(), String> {
        let (what, target) = (&self.what, self.target.display());
        let err = |e: std::io::Error| format!("cannot write {what} `{target}`: {e}");
        let temp = self.temp.take();
        let written = match self.file.take() {
            Some(f) => f
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| match temp {
                    Some(_) => f.sync_all(),
                    None => Ok(()),
                }),
            None => Ok(()),
        };
        let Some(temp) = temp else {
            return written.map_err(err);
        };
        let renamed = written.and_then(|()| std::fs::rename(&temp, &self.target));
        renamed.map_err(|e| {
            let _ = std::fs::remove_file(&temp);
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
        self.file.take();
        if let Some(temp) = self.temp.take() {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// Writes `bytes` to `target` through a temporary file (see [`Output`]);
/// `what` names it in errors.
pub fn write(target: &Path, what: &str, bytes: &[u8]) -> Result<(), String> {
    let mut out = Output::create(target, what)?;
    out.write_all(bytes)
        .map_err(|e| format!("cannot write {what} `{}`: {e}", target.display()))?;
    out.commit()
}

/// Every file read from disk by a load (the spec, the modules it extends
/// or instances, the model file).
pub fn loaded_files(files: &parser::span::Files) -> Vec<PathBuf> {
    files.iter().filter_map(|(_, f)| f.path.clone()).collect()
}
