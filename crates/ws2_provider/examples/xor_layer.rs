//! A layered provider in Rust that changes data: every byte sent or received is XORed with
//! 0x5A. It hands out its own socket handles (non-IFS), so every call — select and WSAPoll
//! included — is translated to the lower layer's sockets by the SDK. Used by the chain tests;
//! the C twin is tests/providers/xor.c.

use ws2_provider::{export_layer, Layer, SOCKET};

struct Xor;

impl Layer for Xor {
    fn description(&self) -> &str {
        "XOR layered provider (Rust, non-IFS)"
    }

    fn ifs(&self) -> bool {
        false
    }

    fn transforms_data(&self) -> bool {
        true
    }

    fn outgoing(&self, _socket: SOCKET, data: &mut [u8]) {
        data.iter_mut().for_each(|b| *b ^= 0x5A);
    }

    fn incoming(&self, _socket: SOCKET, data: &mut [u8]) {
        data.iter_mut().for_each(|b| *b ^= 0x5A);
    }
}

export_layer!(Xor);
