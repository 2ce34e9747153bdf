//! A tiny HTTP/1.1 reverse proxy implementing Docker's bearer-token auth in
//! front of an (unauthenticated) [`super::registry::Registry`].
//!
//! * `/v2/...` without `Authorization: Bearer <token>` gets 401 with
//!   `WWW-Authenticate: Bearer realm="http://ADDR/token",service="test-registry",scope="repository:<repo>:pull"`.
//! * `GET /token?service=..&scope=..` needs HTTP Basic user/password and
//!   returns `{"token","access_token","expires_in"}`.
//! * Authorised `GET`/`HEAD` requests are forwarded upstream; the response is
//!   streamed back with `Location` rewritten to the proxy. Every response is
//!   sent with `Connection: close`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// `service` advertised in challenges.
pub const SERVICE: &str = "test-registry";

#[derive(Default)]
struct Counters {
    bad_auth: AtomicUsize,
    tokens_issued: AtomicUsize,
    token_denied: AtomicUsize,
    forwarded: AtomicUsize,
}

struct Shared {
    addr: String,
    upstream: String,
    user: String,
    pass: String,
    token: String,
    stop: AtomicBool,
    counters: Counters,
}

/// A running bearer-auth proxy; stops its accept loop on drop.
pub struct AuthProxy {
    /// `127.0.0.1:PORT` of the proxy.
    pub addr: String,
    shared: Arc<Shared>,
    thread: Option<JoinHandle<()>>,
}

impl AuthProxy {
    /// Start a proxy for `upstream` (`host:port`) issuing tokens to
    /// `user`/`pass`.
    pub fn start(upstream: &str, user: &str, pass: &str) -> AuthProxy {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind auth proxy");
        let addr = listener.local_addr().expect("proxy addr").to_string();
        let shared = Arc::new(Shared {
            addr: addr.clone(),
            upstream: upstream.to_string(),
            user: user.to_string(),
            pass: pass.to_string(),
            token: format!("den-test-token-{:032x}", rand::random::<u128>()),
            stop: AtomicBool::new(false),
            counters: Counters::default(),
        });
        let s = shared.clone();
        let thread = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.stop.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let s = s.clone();
                std::thread::spawn(move || {
                    let _ = handle(&s, conn);
                });
            }
        });
        AuthProxy {
            addr,
            shared,
            thread: Some(thread),
        }
    }

    /// The only bearer token this proxy accepts.
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// `http://ADDR/token`.
    pub fn realm(&self) -> String {
        format!("http://{}/token", self.addr)
    }

    /// Number of `/v2/` requests rejected for a missing or wrong bearer token.
    pub fn requests_with_bad_auth(&self) -> usize {
        self.shared.counters.bad_auth.load(Ordering::SeqCst)
    }

    /// Number of tokens handed out.
    pub fn tokens_issued(&self) -> usize {
        self.shared.counters.tokens_issued.load(Ordering::SeqCst)
    }

    /// Number of `/token` requests refused (missing or wrong Basic auth).
    pub fn token_requests_denied(&self) -> usize {
        self.shared.counters.token_denied.load(Ordering::SeqCst)
    }

    /// Number of requests forwarded to the registry.
    pub fn requests_forwarded(&self) -> usize {
        self.shared.counters.forwarded.load(Ordering::SeqCst)
    }
}

impl Drop for AuthProxy {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(&self.addr);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

struct Request {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
}

impl Request {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Start line and headers of an HTTP message.
type Head = (String, Vec<(String, String)>);

fn read_head<R: BufRead>(r: &mut R) -> std::io::Result<Option<Head>> {
    let mut first = String::new();
    if r.read_line(&mut first)? == 0 {
        return Ok(None);
    }
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line)? == 0 {
            break;
        }
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((k, v)) = line.split_once(':') {
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    Ok(Some((first.trim_end().to_string(), headers)))
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> std::io::Result<()> {
    let mut head = format!("HTTP/1.1 {status}\r\n");
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// Repository name from a `/v2/<name>/(manifests|blobs|tags)/...` path.
fn repo_of(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/v2/")?;
    ["/manifests/", "/blobs/", "/tags/"]
        .iter()
        .filter_map(|m| rest.rfind(m).map(|i| &rest[..i]))
        .max_by_key(|r| r.len())
}

fn basic_ok(s: &Shared, header: Option<&str>) -> bool {
    use base64::Engine as _;
    let Some(b64) = header.and_then(|h| h.strip_prefix("Basic ")) else {
        return false;
    };
    let Ok(raw) = base64::engine::general_purpose::STANDARD.decode(b64.trim()) else {
        return false;
    };
    raw == format!("{}:{}", s.user, s.pass).as_bytes()
}

fn handle(s: &Shared, stream: TcpStream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut out = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    let Some((first, headers)) = read_head(&mut reader)? else {
        return Ok(());
    };
    let mut parts = first.split_whitespace();
    let req = Request {
        method: parts.next().unwrap_or("").to_string(),
        target: parts.next().unwrap_or("/").to_string(),
        headers,
    };
    let path = req.target.split('?').next().unwrap_or("").to_string();
    let json = ("Content-Type", "application/json".to_string());
    if path == "/token" {
        if req.method != "GET" {
            respond(&mut out, "405 Method Not Allowed", &[], b"")?;
        } else if basic_ok(s, req.header("Authorization")) {
            s.counters.tokens_issued.fetch_add(1, Ordering::SeqCst);
            let body = serde_json::json!({
                "token": s.token, "access_token": s.token, "expires_in": 300,
                "issued_at": "2024-01-01T00:00:00Z",
            });
            respond(&mut out, "200 OK", &[json], body.to_string().as_bytes())?;
        } else {
            s.counters.token_denied.fetch_add(1, Ordering::SeqCst);
            let chal = ("WWW-Authenticate", "Basic realm=\"token\"".to_string());
            respond(
                &mut out,
                "401 Unauthorized",
                &[chal, json],
                br#"{"details":"bad credentials"}"#,
            )?;
        }
    } else if path == "/v2" || path.starts_with("/v2/") {
        let want = format!("Bearer {}", s.token);
        if req.header("Authorization").map(str::trim) != Some(want.as_str()) {
            s.counters.bad_auth.fetch_add(1, Ordering::SeqCst);
            let mut chal = format!(
                "Bearer realm=\"http://{}/token\",service=\"{SERVICE}\"",
                s.addr
            );
            if let Some(repo) = repo_of(&path) {
                chal.push_str(&format!(",scope=\"repository:{repo}:pull\""));
            }
            let body =
                br#"{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"#;
            let hs = [
                ("WWW-Authenticate", chal),
                json,
                ("Docker-Distribution-API-Version", "registry/2.0".into()),
            ];
            let body: &[u8] = if req.method == "HEAD" { b"" } else { body };
            respond(&mut out, "401 Unauthorized", &hs, body)?;
        } else if req.method != "GET" && req.method != "HEAD" {
            respond(
                &mut out,
                "405 Method Not Allowed",
                &[json],
                br#"{"errors":[{"code":"UNSUPPORTED"}]}"#,
            )?;
        } else {
            s.counters.forwarded.fetch_add(1, Ordering::SeqCst);
            forward(s, &req, &mut out)?;
        }
    } else {
        respond(&mut out, "404 Not Found", &[], b"not found\n")?;
    }
    // Close politely: stop writing, then drain what the client may still send
    // so that the close does not turn into a RST that truncates the response.
    let _ = out.shutdown(Shutdown::Write);
    let inner = reader.get_ref();
    let _ = inner.set_read_timeout(Some(Duration::from_millis(500)));
    let mut sink = [0u8; 4096];
    while matches!(reader.read(&mut sink), Ok(n) if n > 0) {}
    Ok(())
}

const HOP_BY_HOP: &[&str] = &[
    "host",
    "connection",
    "keep-alive",
    "proxy-connection",
    "proxy-authorization",
    "te",
    "trailer",
    "upgrade",
    "authorization",
];

fn forward(s: &Shared, req: &Request, out: &mut TcpStream) -> std::io::Result<()> {
    let up = TcpStream::connect(&s.upstream)?;
    up.set_read_timeout(Some(Duration::from_secs(60)))?;
    let mut head = format!(
        "{} {} HTTP/1.1\r\nHost: {}\r\n",
        req.method, req.target, s.upstream
    );
    for (k, v) in &req.headers {
        if !HOP_BY_HOP.iter().any(|h| k.eq_ignore_ascii_case(h)) {
            head.push_str(&format!("{k}: {v}\r\n"));
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    (&up).write_all(head.as_bytes())?;
    let mut upr = BufReader::new(up);
    let Some((status, headers)) = read_head(&mut upr)? else {
        return respond(out, "502 Bad Gateway", &[], b"upstream closed\n");
    };
    let mut resp = format!("{status}\r\n");
    let upstream_url = format!("http://{}", s.upstream);
    for (k, v) in headers {
        if k.eq_ignore_ascii_case("connection") || k.eq_ignore_ascii_case("keep-alive") {
            continue;
        }
        let v = if k.eq_ignore_ascii_case("location") {
            v.replace(&upstream_url, &format!("http://{}", s.addr))
        } else {
            v
        };
        resp.push_str(&format!("{k}: {v}\r\n"));
    }
    resp.push_str("Connection: close\r\n\r\n");
    out.write_all(resp.as_bytes())?;
    if req.method != "HEAD" {
        // Upstream closes after the response (we asked), so copy to EOF.
        std::io::copy(&mut upr, out)?;
    }
    out.flush()
}
