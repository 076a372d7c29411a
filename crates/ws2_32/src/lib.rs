//! ws2_32 for Linux: the Winsock 2 API layer (`api`), the SPI plumbing that routes every socket
//! call through a provider's WSPPROC_TABLE (`spi`, `catalog`), and the built-in base provider
//! (`provider`) that turns those calls into Linux syscalls (`sys`).
//!
//! See ARCHITECTURE.md at the repository root for the map and the invariants.

pub mod abi;
pub mod api;
pub mod catalog;
pub mod error;
mod ffi;
mod handle_map;
pub mod kernel;
pub mod log;
pub mod nsp;
pub mod provider;
pub mod rnr;
pub mod spi;
pub mod sys;
