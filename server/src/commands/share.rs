//! `storewise share FILE [--server URL]`: a link that opens the workload's result — the
//! workload compressed into the URL's fragment, or a short link stored on a server.

use std::{path::Path, time::Duration};

use anyhow::{Context, Result, bail};
use ureq::{
    Agent,
    tls::{PemItem, RootCerts, TlsConfig},
};

use crate::{
    FINDINGS, OK,
    cli::{Global, ShareArgs},
    input,
};

/// Links longer than this get cut by some chat tools and browsers' address bars.
const LONG_LINK: usize = 2000;
/// How long to wait for a connection at most.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The largest answer read (a link's description is a few KiB).
const MAX_ANSWER: u64 = 1024 * 1024;

pub(crate) fn run(global: &Global, args: &ShareArgs) -> Result<u8> {
    if global.catalog.is_some() {
        bail!(
            "a link carries only the workload, not --catalog overrides: put those figures under the workload's \
             `catalog_overrides:` so everyone who opens the link sees them"
        );
    }
    let file = input::read(&args.file)?;
    let catalog = input::catalog(global)?;
    let parsed = workload::parse_bytes(&file.bytes, &catalog);
    let Some(workload) = &parsed.workload else {
        let source = String::from_utf8_lossy(&file.bytes);
        for d in &parsed.diagnostics {
            eprintln!("{}", d.render(&file.name, &source, input::stderr_color(global)));
        }
        eprintln!("invalid: {} (a link to a workload with errors would show only the errors)", file.name);
        return Ok(FINDINGS);
    };
    let text = String::from_utf8(file.bytes).context("the workload is not UTF-8")?;
    let line = match &args.server {
        Some(server) => short_link(server, args, text)?,
        None => {
            let report = engine::analyze(workload, parsed.catalog_or(&catalog));
            let url =
                format!("{}/#{}", args.base.trim_end_matches('/'), link::fragment(&link::Shared::new(text, &report)));
            if url.len() > LONG_LINK {
                eprintln!(
                    "storewise: note: the link is {} characters; some chat tools cut links over {LONG_LINK}. \
                     `--server URL` stores the workload there and prints a short link.",
                    url.len()
                );
            }
            url
        }
    };
    input::print(&line)?;
    Ok(OK)
}

/// Posts the workload to `server`'s `/api/share` (http or https) and returns the short link.
fn short_link(server: &str, args: &ShareArgs, text: String) -> Result<String> {
    let base = server.trim_end_matches('/');
    let (https, authority) = match base.split_once("://") {
        Some(("https", rest)) => (true, rest),
        Some(("http", rest)) => (false, rest),
        _ => bail!("`{server}` is not an http:// or https:// URL"),
    };
    let authority = authority.split('/').next().unwrap_or(authority);
    let timeout = Duration::from_secs(args.timeout.max(1));
    let mut tls = TlsConfig::builder();
    if let Some(path) = &args.ca_cert {
        tls = tls.root_certs(ca_certs(path)?);
    }
    let agent: Agent = Agent::config_builder()
        .timeout_global(Some(timeout))
        .timeout_connect(Some(timeout.min(CONNECT_TIMEOUT)))
        .http_status_as_error(false)
        .max_redirects(0)
        .user_agent(concat!("storewise/", env!("CARGO_PKG_VERSION")))
        .tls_config(tls.build())
        .build()
        .into();
    let mut response = agent
        .post(format!("{base}/api/share"))
        .header("Content-Type", "application/yaml")
        .send(text)
        .map_err(|e| explain(e, server, authority, https, timeout))?;
    let status = response.status();
    if status.is_redirection() {
        let to = response.headers().get("location").and_then(|l| l.to_str().ok()).unwrap_or("elsewhere");
        bail!("{server} redirects ({status}) to {to}: pass the server's own address to --server");
    }
    let body = response
        .body_mut()
        .with_config()
        .limit(MAX_ANSWER)
        .read_to_vec()
        .map_err(|e| explain(e, server, authority, https, timeout))?;
    let answer: serde_json::Value = serde_json::from_slice(&body)
        .with_context(|| format!("{server} answered {status} with something that is not storewise's JSON"))?;
    if !status.is_success() {
        let message = answer.pointer("/error/message").and_then(serde_json::Value::as_str).unwrap_or("no message");
        bail!("{server} refused the link ({status}): {message}");
    }
    let path = answer
        .get("path")
        .and_then(serde_json::Value::as_str)
        .with_context(|| format!("{server} answered without a link path"))?;
    Ok(format!("{base}{path}"))
}

/// The certificates of a PEM file, to trust as roots.
fn ca_certs(path: &Path) -> Result<RootCerts> {
    let pem = std::fs::read(path).with_context(|| format!("cannot read the CA certificate {}", path.display()))?;
    let mut certs = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        if let PemItem::Certificate(cert) =
            item.with_context(|| format!("{} is not a PEM certificate file", path.display()))?
        {
            certs.push(cert);
        }
    }
    if certs.is_empty() {
        bail!("{} holds no PEM certificate (-----BEGIN CERTIFICATE-----)", path.display());
    }
    Ok(RootCerts::from(certs))
}

fn tls_failed(authority: &str) -> String {
    format!(
        "the TLS connection to {authority} failed: if its certificate is signed by your own CA (or self-signed), \
         pass that certificate with --ca-cert FILE"
    )
}

/// A failed exchange, said so a person knows what to do.
fn explain(e: ureq::Error, server: &str, authority: &str, https: bool, timeout: Duration) -> anyhow::Error {
    let io = match &e {
        ureq::Error::Io(io) => Some(io.kind()),
        _ => None,
    };
    let message = match &e {
        ureq::Error::Timeout(_) => format!("{server} did not answer within {} s (--timeout)", timeout.as_secs()),
        ureq::Error::HostNotFound => format!("cannot find the host {authority}"),
        ureq::Error::ConnectionFailed => format!("cannot connect to {authority}"),
        _ if io == Some(std::io::ErrorKind::ConnectionRefused) => {
            format!("cannot connect to {authority}: nothing listens there")
        }
        // rustls reports a failed handshake (an unknown issuer, a wrong name) as invalid data
        ureq::Error::Rustls(_) | ureq::Error::Tls(_) => tls_failed(authority),
        _ if https && io == Some(std::io::ErrorKind::InvalidData) => tls_failed(authority),
        ureq::Error::Io(_) => format!("the connection to {authority} failed"),
        _ => format!("cannot share on {server}"),
    };
    anyhow::Error::new(e).context(message)
}
