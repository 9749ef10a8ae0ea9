//! Per-client rate limiting (a token bucket per IP address), for the routes that write:
//! creating share links. Reading is never limited. Behind a trusted proxy the client is the
//! address it names in `X-Forwarded-For`; what is left is told in `RateLimit-*` headers.

use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::{HeaderMap, HeaderName, HeaderValue, request::Parts},
};

use super::AppState;

/// How many buckets are kept before full (idle) ones are dropped.
const MAX_CLIENTS: usize = 10_000;

/// `per_minute` requests a minute per address, in bursts of up to `burst`.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

/// What a client has left: `limit` requests at once, `remaining` now, the bucket full again
/// after `reset`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Quota {
    pub(crate) limit: u32,
    pub(crate) remaining: u32,
    pub(crate) reset: Duration,
}

/// A request over the limit: what is left (nothing) and how long until a token is free.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Limited {
    pub(crate) quota: Quota,
    pub(crate) retry_after: Duration,
}

impl Quota {
    /// The `RateLimit-Limit`, `RateLimit-Remaining` and `RateLimit-Reset` (whole seconds,
    /// rounded up) headers.
    pub(crate) fn headers(&self) -> [(HeaderName, HeaderValue); 3] {
        [
            (HeaderName::from_static("ratelimit-limit"), HeaderValue::from(self.limit)),
            (HeaderName::from_static("ratelimit-remaining"), HeaderValue::from(self.remaining)),
            (HeaderName::from_static("ratelimit-reset"), HeaderValue::from(whole_seconds(self.reset, 0))),
        ]
    }
}

/// A duration in whole seconds, rounded up, at least `min`.
pub(crate) fn whole_seconds(wait: Duration, min: u64) -> u64 {
    (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(min)
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    /// A limiter; `per_minute == 0` means no limit.
    pub(crate) fn new(per_minute: u32, burst: u32) -> Self {
        RateLimiter {
            per_second: f64::from(per_minute) / 60.0,
            burst: f64::from(burst.max(1)),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes a token for `client`: what is left (`None` without a limit), or how long until a
    /// token is free.
    pub(crate) fn check(&self, client: Option<IpAddr>, now: Instant) -> Result<Option<Quota>, Limited> {
        if self.per_second <= 0.0 {
            return Ok(None);
        }
        // Without an address (in-process tests), all such requests share one bucket.
        let client = client.unwrap_or(IpAddr::from([0, 0, 0, 0]));
        let mut buckets = self.buckets.lock().unwrap_or_else(PoisonError::into_inner);
        if buckets.len() >= MAX_CLIENTS {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket { tokens: self.burst, at: now });
        let refilled = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refilled).min(self.burst);
        bucket.at = now;
        let allowed = bucket.tokens >= 1.0;
        if allowed {
            bucket.tokens -= 1.0;
        }
        let quota = Quota {
            limit: self.burst as u32,
            remaining: bucket.tokens.floor() as u32,
            reset: Duration::from_secs_f64((self.burst - bucket.tokens) / self.per_second),
        };
        if allowed {
            Ok(Some(quota))
        } else {
            Err(Limited { quota, retry_after: Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second) })
        }
    }
}

/// The client's IP address, when the server knows it (it does for real connections): the
/// connection's, or behind a trusted proxy the one `X-Forwarded-For` names.
pub(crate) struct ClientAddr(pub(crate) Option<IpAddr>);

impl FromRequestParts<AppState> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip());
        Ok(ClientAddr(peer.map(|peer| client_ip(peer, &parts.headers, &state.trusted_proxies))))
    }
}

/// The client of a connection from `peer`: `peer` itself unless it is a trusted proxy; then
/// the rightmost `X-Forwarded-For` address that is not a trusted proxy (the addresses left of
/// it were written by the client and prove nothing). A malformed entry stops the walk at the
/// last trusted hop.
pub(crate) fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .flat_map(|v| v.to_str().unwrap_or("?").split(','))
        .map(str::trim)
        .collect();
    let mut client = peer;
    for hop in hops.iter().rev() {
        match hop.parse::<IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => client = ip,
            Ok(ip) => return ip,
            Err(_) => return client,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_rate() {
        let limiter = RateLimiter::new(60, 3);
        let (a, b) = (Some(IpAddr::from([10, 0, 0, 1])), Some(IpAddr::from([10, 0, 0, 2])));
        let t = Instant::now();
        for _ in 0..3 {
            assert!(limiter.check(a, t).is_ok());
        }
        let wait = limiter.check(a, t).unwrap_err().retry_after;
        assert!(wait <= Duration::from_secs(1) && wait > Duration::ZERO, "{wait:?}");
        assert!(limiter.check(b, t).is_ok(), "another client has its own bucket");
        assert!(limiter.check(a, t + Duration::from_secs(1)).is_ok(), "one a second comes back");
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(0, 0);
        let t = Instant::now();
        assert!((0..1000).all(|_| limiter.check(None, t) == Ok(None)));
    }

    /// Issue 18: what is left is counted down, and full again after the bucket refills.
    #[test]
    fn issue_18_the_quota_counts_down() {
        let limiter = RateLimiter::new(60, 3);
        let (a, t) = (Some(IpAddr::from([10, 0, 0, 1])), Instant::now());
        let first = limiter.check(a, t).unwrap().unwrap();
        assert_eq!((first.limit, first.remaining, first.reset), (3, 2, Duration::from_secs(1)));
        assert_eq!(limiter.check(a, t).unwrap().unwrap().remaining, 1);
        assert_eq!(limiter.check(a, t).unwrap().unwrap().remaining, 0);
        let limited = limiter.check(a, t).unwrap_err();
        assert_eq!((limited.quota.remaining, limited.quota.reset), (0, Duration::from_secs(3)));
        let headers = limited.quota.headers();
        assert_eq!(headers.map(|(_, v)| v.to_str().unwrap().to_string()), ["3", "0", "3"]);
    }

    /// Issue 18: `X-Forwarded-For` counts only from a trusted proxy, and only its rightmost
    /// untrusted entry (what the proxy saw); anything else is the connection's address.
    #[test]
    fn issue_18_the_client_behind_a_trusted_proxy() {
        let proxy = IpAddr::from([10, 0, 0, 1]);
        let inner = IpAddr::from([10, 0, 0, 2]);
        let trusted = [proxy, inner];
        let xff = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert("x-forwarded-for", HeaderValue::from_static(v));
            h
        };
        let stranger = IpAddr::from([198, 51, 100, 7]);
        assert_eq!(client_ip(stranger, &xff("203.0.113.5"), &trusted), stranger, "spoofed from outside");
        assert_eq!(client_ip(proxy, &xff("203.0.113.5"), &trusted), IpAddr::from([203, 0, 113, 5]));
        assert_eq!(
            client_ip(proxy, &xff("1.1.1.1, 203.0.113.5, 10.0.0.2"), &trusted),
            IpAddr::from([203, 0, 113, 5]),
            "the client's own entries (left) are ignored, proxies (right) skipped"
        );
        assert_eq!(client_ip(proxy, &xff("garbage, 10.0.0.2"), &trusted), inner, "stops at the last trusted hop");
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &trusted), proxy);
    }
}
