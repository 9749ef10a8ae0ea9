//! Per-client rate limiting (a token bucket per IP address), for the routes that write:
//! creating share links. Reading is never limited.

use std::{
    collections::HashMap,
    net::{IpAddr, SocketAddr},
    sync::{Mutex, PoisonError},
    time::{Duration, Instant},
};

use axum::{
    extract::{ConnectInfo, FromRequestParts},
    http::request::Parts,
};

/// How many buckets are kept before full (idle) ones are dropped.
const MAX_CLIENTS: usize = 10_000;

/// `per_minute` requests a minute per address, in bursts of up to `burst`.
#[derive(Debug)]
pub(crate) struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
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

    /// Takes a token for `client`: `Ok`, or how long until one is free.
    pub(crate) fn check(&self, client: Option<IpAddr>, now: Instant) -> Result<(), Duration> {
        if self.per_second <= 0.0 {
            return Ok(());
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
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(Duration::from_secs_f64((1.0 - bucket.tokens) / self.per_second))
        }
    }
}

/// The client's IP address, when the server knows it (it does for real connections).
pub(crate) struct ClientAddr(pub(crate) Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip())))
    }
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
            assert_eq!(limiter.check(a, t), Ok(()));
        }
        let wait = limiter.check(a, t).unwrap_err();
        assert!(wait <= Duration::from_secs(1) && wait > Duration::ZERO, "{wait:?}");
        assert_eq!(limiter.check(b, t), Ok(()), "another client has its own bucket");
        assert_eq!(limiter.check(a, t + Duration::from_secs(1)), Ok(()), "one a second comes back");
    }

    #[test]
    fn zero_means_unlimited() {
        let limiter = RateLimiter::new(0, 0);
        let t = Instant::now();
        assert!((0..1000).all(|_| limiter.check(None, t).is_ok()));
    }
}
