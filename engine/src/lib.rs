//! The storewise engine: decision rules and the operational cost model (work in progress).
