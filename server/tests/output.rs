//! `storewise chart -o` never replaces what it should not (issue 18): a device or FIFO is
//! written directly, a file keeps its permissions, a link is written through, anything else is
//! refused; and a closed standard output is the end of the output, not an error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing)]

mod common;

use std::{
    os::unix::fs::{FileTypeExt, PermissionsExt},
    path::Path,
    process::Command,
};

use common::{closed_stdout, storewise, temp_dir};

fn chart_to(out: &Path) -> (i32, String, String) {
    storewise(&["chart", "examples/s1-logistics.yaml", "--kind", "table", "-o", out.to_str().unwrap()])
}

/// Issue 18: `-o /dev/null` (run as root, this replaced the device node with a file) writes into
/// the device and leaves it a device.
#[test]
fn issue_18_o_dev_null_stays_a_device() {
    let (code, _, err) = chart_to(Path::new("/dev/null"));
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::metadata("/dev/null").unwrap().file_type().is_char_device(), "/dev/null is still a device");
    assert!(std::fs::read_dir("/dev").unwrap().all(|e| !e.unwrap().file_name().to_string_lossy().ends_with(".tmp")));
}

/// Issue 18: `-o FIFO` writes into the pipe (its reader gets the chart) and keeps the FIFO.
#[test]
fn issue_18_o_fifo_is_written_not_replaced() {
    let fifo = temp_dir("fifo").join("chart.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let (code, _, err) = chart_to(&fifo);
    assert_eq!(code, 0, "{err}");
    assert!(reader.join().unwrap().contains("<svg"), "the reader got the chart");
    assert!(std::fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo(), "still a FIFO");
}

/// Issue 18: replacing an existing file keeps its permissions (0600 stays 0600).
#[test]
fn issue_18_o_keeps_a_files_permissions() {
    let file = temp_dir("perms").join("private.svg");
    std::fs::write(&file, "old").unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, err) = chart_to(&file);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read_to_string(&file).unwrap().contains("<svg"));
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
}

/// Issue 18: `-o LINK` writes the link's target and keeps the link, dangling links included.
#[test]
fn issue_18_o_writes_through_a_symlink() {
    let dir = temp_dir("symlink");
    let (target, link) = (dir.join("target.svg"), dir.join("link.svg"));
    std::fs::write(&target, "old").unwrap();
    std::os::unix::fs::symlink("target.svg", &link).unwrap();
    let (code, _, err) = chart_to(&link);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "the link is still a link");
    assert!(std::fs::read_to_string(&target).unwrap().contains("<svg"), "its target was written");
    let (dangling, new) = (dir.join("dangling.svg"), dir.join("new.svg"));
    std::os::unix::fs::symlink(&new, &dangling).unwrap();
    let (code, _, err) = chart_to(&dangling);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&new).unwrap().contains("<svg"), "the target it names was created");
}

/// Issue 18: a directory or a socket is refused with a clear error and left alone.
#[test]
fn issue_18_o_refuses_what_is_not_a_file() {
    let dir = temp_dir("not-a-file");
    let socket_path = dir.join("chart.sock");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).unwrap();
    for (path, what) in [(dir.clone(), "a directory"), (socket_path.clone(), "a socket")] {
        let (code, _, err) = chart_to(&path);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&format!("is {what}, not a regular file")), "{err}");
    }
    assert!(std::fs::symlink_metadata(&socket_path).unwrap().file_type().is_socket(), "the socket is left alone");
}

/// Issue 18: `chart` on a closed standard output exits 0, like the other commands.
#[test]
fn issue_18_chart_on_a_closed_pipe_exits_0() {
    let (code, err) = closed_stdout(&["chart", "examples/s1-logistics.yaml", "--kind", "architecture"]);
    assert_eq!(code, 0, "{err}");
}
