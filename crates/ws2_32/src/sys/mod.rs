//! The Linux seam: everything that knows Linux values or calls Linux. The layers above speak
//! Windows values only; translation happens here and in the base provider that uses it.

pub mod engine;
pub mod fd;
pub mod ifaddr;
pub mod poll;
pub mod resolver;
pub mod sockaddr;
pub mod socket;
