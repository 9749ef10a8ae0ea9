//! `storewise share FILE [--server URL]`: a link that opens the workload's result — the
//! workload compressed into the URL's fragment, or a short link stored on a server.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use http_body_util::{BodyExt, Full};
use hyper::{Request, Uri, body::Bytes, header};
use hyper_util::rt::TokioIo;

use crate::{
    FINDINGS, OK,
    cli::{Global, ShareArgs},
    input,
};

/// Links longer than this get cut by some chat tools and browsers' address bars.
const LONG_LINK: usize = 2000;
/// How long to wait for the server.
const TIMEOUT: Duration = Duration::from_secs(30);

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
            eprintln!("{}", d.render(&file.name, &source, input::color(global)));
        }
        eprintln!("invalid: {} (a link to a workload with errors would show only the errors)", file.name);
        return Ok(FINDINGS);
    };
    let text = String::from_utf8(file.bytes).context("the workload is not UTF-8")?;
    let line = match &args.server {
        Some(server) => short_link(server, text)?,
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

/// Posts the workload to `server`'s `/api/share` and returns the short link.
fn short_link(server: &str, text: String) -> Result<String> {
    let base = server.trim_end_matches('/');
    let uri: Uri = format!("{base}/api/share").parse().with_context(|| format!("`{server}` is not a URL"))?;
    if uri.scheme_str() != Some("http") {
        bail!("`{server}`: only http:// servers are supported (put a TLS proxy in front, and share over http locally)");
    }
    let authority = uri.authority().context("the server URL has no host")?.clone();
    let runtime =
        tokio::runtime::Builder::new_current_thread().enable_all().build().context("cannot start the runtime")?;
    let (status, body) = runtime
        .block_on(async {
            tokio::time::timeout(TIMEOUT, async {
                let port = authority.port_u16().unwrap_or(80);
                let stream = tokio::net::TcpStream::connect((authority.host(), port))
                    .await
                    .with_context(|| format!("cannot connect to {authority}"))?;
                let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
                tokio::spawn(connection);
                let request = Request::post(&uri)
                    .header(header::HOST, authority.as_str())
                    .header(header::CONTENT_TYPE, "application/yaml")
                    .body(Full::new(Bytes::from(text)))?;
                let response = sender.send_request(request).await?;
                let status = response.status();
                let body = response.into_body().collect().await?.to_bytes();
                anyhow::Ok((status, body))
            })
            .await
            .with_context(|| format!("{server} did not answer within {} s", TIMEOUT.as_secs()))?
        })
        .with_context(|| format!("cannot share on {server}"))?;
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
