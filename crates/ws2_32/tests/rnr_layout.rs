//! The name-resolution structures of include/ (WSAQUERYSET, WSANAMESPACE_INFOEX, NSP_ROUTINE,
//! BLOB, WSASERVICECLASSINFO) have windows-sys's 64-bit Windows layout, member by member: a C
//! program prints sizeof/offsetof, the Rust side computes the same.

use std::mem::{offset_of, size_of};
use std::path::PathBuf;
use std::process::Command;
use windows_sys::Win32::Networking::WinSock::*;
use windows_sys::Win32::System::Com::BLOB;

macro_rules! layout {
    ($($c:literal => $t:ty { $($f:ident),* });* $(;)?) => {{
        let mut c = String::new();
        let mut rust = Vec::new();
        $(
            c.push_str(&format!("    printf(\"sizeof {} %zu\\n\", sizeof({}));\n", $c, $c));
            rust.push(format!("sizeof {} {}", $c, size_of::<$t>()));
            $(
                c.push_str(&format!("    printf(\"offsetof {}.{} %zu\\n\", offsetof({}, {}));\n", $c, stringify!($f), $c, stringify!($f)));
                rust.push(format!("offsetof {}.{} {}", $c, stringify!($f), offset_of!($t, $f)));
            )*
        )*
        (c, rust)
    }};
}

#[test]
fn name_resolution_structures_match_windows_sys() {
    let (body, rust) = layout! {
        "WSAQUERYSETW" => WSAQUERYSETW { dwSize, lpszServiceInstanceName, lpServiceClassId, lpVersion, lpszComment, dwNameSpace,
            lpNSProviderId, lpszContext, dwNumberOfProtocols, lpafpProtocols, lpszQueryString, dwNumberOfCsAddrs, lpcsaBuffer,
            dwOutputFlags, lpBlob };
        "WSAQUERYSETA" => WSAQUERYSETA { dwSize, lpszServiceInstanceName, lpServiceClassId, lpVersion, lpszComment, dwNameSpace,
            lpNSProviderId, lpszContext, dwNumberOfProtocols, lpafpProtocols, lpszQueryString, dwNumberOfCsAddrs, lpcsaBuffer,
            dwOutputFlags, lpBlob };
        "WSAVERSION" => WSAVERSION { dwVersion, ecHow };
        "BLOB" => BLOB { cbSize, pBlobData };
        "WSANAMESPACE_INFOEXW" => WSANAMESPACE_INFOEXW { NSProviderId, dwNameSpace, fActive, dwVersion, lpszIdentifier, ProviderSpecific };
        "WSANAMESPACE_INFOEXA" => WSANAMESPACE_INFOEXA { NSProviderId, dwNameSpace, fActive, dwVersion, lpszIdentifier, ProviderSpecific };
        "WSANAMESPACE_INFOA" => WSANAMESPACE_INFOA { NSProviderId, dwNameSpace, fActive, dwVersion, lpszIdentifier };
        "WSASERVICECLASSINFOW" => WSASERVICECLASSINFOW { lpServiceClassId, lpszServiceClassName, dwCount, lpClassInfos };
        "NSP_ROUTINE" => NSP_ROUTINE { cbSize, dwMajorVersion, dwMinorVersion, NSPCleanup, NSPLookupServiceBegin, NSPLookupServiceNext,
            NSPLookupServiceEnd, NSPSetService, NSPInstallServiceClass, NSPRemoveServiceClass, NSPGetServiceClassInfo, NSPIoctl };
    };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    // A folder per test process: concurrent test runs must not share scratch files.
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("rnr_layout-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let src = dir.join("rnr_layout.c");
    let exe = dir.join("rnr_layout");
    std::fs::write(&src, format!("#include <winsock2.h>\n#include <ws2spi.h>\n#include <stddef.h>\n#include <stdio.h>\nint main(void)\n{{\n{body}    return 0;\n}}\n")).unwrap();
    let o = Command::new("gcc")
        .args(["-std=c11", "-Wall", "-Wextra", "-Werror", "-I"])
        .arg(root.join("include"))
        .arg(&src)
        .arg("-o")
        .arg(&exe)
        .output()
        .unwrap();
    assert!(o.status.success(), "gcc:\n{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(Command::new(&exe).output().unwrap().stdout).unwrap();
    let c: Vec<&str> = out.lines().collect();
    assert_eq!(c.len(), rust.len());
    let wrong: Vec<String> = c.iter().zip(&rust).filter(|(a, b)| *a != b).map(|(a, b)| format!("C: {a}, Rust: {b}")).collect();
    assert!(wrong.is_empty(), "layout mismatches:\n  {}", wrong.join("\n  "));
}
