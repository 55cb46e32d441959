//! A Rust program that uses liblay through the crate `cdylib bindings --lang rust` writes (`lay/`): no
//! `extern "C"` by hand. Every function of the library is called and each value checked both ways:
//! Int128/UInt128 as i128/u128, Guid's field order, Half's bits (with the crate's `half` conversions
//! checked against .NET's for every one of the 65,536 bit patterns), NFloat as f64 on this 64-bit
//! target, and the structs that hold them (whose layout the crate also asserts at compile time). It is
//! the `src/main.rs` of a cargo package with `lay = { path = "…/lay" }` as its dependency; the tests
//! build and run it so (tests/Cdylib.EndToEnd.Tests/LayoutTests.cs). Exits non-zero (a panic) on failure.

fn main() -> Result<(), lay::Error> {
    lay::lay_init()?;
    assert_eq!(lay::lay_abi_version()?, lay::ABI_VERSION);
    assert_eq!(lay::lay_api_hash()?, lay::API_HASH);

    // Issue 13's repro: a struct with a Guid, by value both ways.
    let made = lay::lay_make_rec(42)?;
    assert_eq!(made.N, 42);
    assert_eq!(made.Id.to_string(), "00112233-4455-6677-8899-aabbccddeeff");
    assert_eq!(lay::lay_rec_n(made)?, 42);
    assert_eq!(lay::lay_rec_n(lay::Rec { Id: lay::Guid::default(), N: 7 })?, 7);
    assert_eq!(lay::lay_rec_id(&made)?.as_deref(), Some("00112233-4455-6677-8899-aabbccddeeff"));
    let error = lay::lay_make_rec_checked(-1).unwrap_err();
    assert_eq!(error.code, lay::error_codes::INVALID_ARGUMENT);
    assert!(error.message.contains("must not be negative"), "{error}");
    assert_eq!(lay::lay_make_rec_checked(5)?.N, 5);
    let records = [1, 20, 300].map(|n| lay::Rec { Id: made.Id, N: n });
    assert_eq!(lay::lay_rec_sum(&records)?, 321);

    // Guid's field order: a, b, c as numbers, d … k as bytes in text order, both ways.
    let parsed = lay::lay_guid_parse("0a0b0c0d-1a1b-2a2b-3132-333435363738")?;
    assert_eq!((parsed.a, parsed.b, parsed.c), (0x0a0b0c0d, 0x1a1b, 0x2a2b));
    assert_eq!([parsed.d, parsed.e, parsed.f, parsed.g, parsed.h, parsed.i, parsed.j, parsed.k], *b"12345678");
    assert_eq!(parsed.to_bytes(), [0x0a, 0x0b, 0x0c, 0x0d, 0x1a, 0x1b, 0x2a, 0x2b, b'1', b'2', b'3', b'4', b'5', b'6', b'7', b'8']);
    assert_eq!(lay::Guid::from_bytes(parsed.to_bytes()), parsed);
    let mine = lay::Guid { a: 0xdeadbeef, b: 0x0102, c: 0xfffe, d: 1, e: 2, f: 3, g: 4, h: 5, i: 6, j: 7, k: 8 };
    assert_eq!(lay::lay_guid_format(mine)?.as_deref(), Some("deadbeef-0102-fffe-0102-030405060708"));
    assert_eq!(mine.to_string(), "deadbeef-0102-fffe-0102-030405060708");
    assert_ne!(lay::lay_guid_parse("not a guid").unwrap_err().code, lay::error_codes::NONE);

    // Int128 and UInt128 are i128 and u128: the extremes cross whole, both ways.
    assert_eq!(lay::lay_int128_max()?, i128::MAX);
    assert_eq!(lay::lay_int128_min()?, i128::MIN);
    assert_eq!(lay::lay_uint128_max()?, u128::MAX);
    assert_eq!(lay::lay_int128_add(&(u64::MAX as i128), &1)?, 1i128 << 64);
    assert_eq!(lay::lay_int128_add(&i128::MAX, &1)?, i128::MIN); // wraps, as the C# code does
    let big = (1i128 << 100) + 5;
    assert_eq!(lay::lay_int128_format(&big)?.as_deref(), Some("1267650600228229401496703205381"));
    assert_eq!(lay::lay_int128_format(&-big)?.as_deref(), Some("-1267650600228229401496703205381"));
    assert_eq!(lay::lay_int128_format(&i128::MAX)?.as_deref(), Some("170141183460469231731687303715884105727"));
    assert_eq!(std::mem::align_of::<i128>(), 16);

    // A struct holding 128-bit integers: 48 bytes, the integers at 16 and 32.
    assert_eq!((std::mem::size_of::<lay::Wide>(), std::mem::offset_of!(lay::Wide, Value), std::mem::offset_of!(lay::Wide, Mask)), (48, 16, 32));
    let wide = lay::lay_wide_make(9)?;
    let (tag, value, mask) = (wide.Tag, wide.Value, wide.Mask);
    assert_eq!((tag, value, mask), (9, i128::MIN + 1, u128::MAX - 1));
    let mine_wide = lay::Wide { Tag: 200, Value: -big, Mask: 1u128 << 127 };
    assert_eq!(lay::lay_wide_format(&mine_wide)?.as_deref(), Some("200 -1267650600228229401496703205381 170141183460469231731687303715884105728"));

    // Half: its IEEE 754 binary16 bits as a u16.
    assert_eq!(lay::lay_half_of(1.0)?, 0x3c00);
    assert_eq!(lay::lay_half_of(-2.0)?, 0xc000);
    assert_eq!(lay::lay_half_of(65504.0)?, 0x7bff);
    assert_eq!(lay::lay_half_of(1.0e6)?, 0x7c00);
    assert_eq!(lay::lay_half_value(0x3555)?, 0.333251953125);
    assert_eq!(lay::lay_half_value(0x0001)?, 5.9604644775390625e-8);
    // The crate's conversions agree with .NET's: every bit pattern to f32 ...
    for bits in 0..=u16::MAX {
        let (ours, dotnet) = (lay::half::to_f32(bits), lay::lay_half_value(bits)?);
        assert!(ours.to_bits() == dotnet.to_bits() || (ours.is_nan() && dotnet.is_nan()), "{bits:#06x}: {ours} vs {dotnet}");
    }
    // ... and back, with the values between Halves rounded alike (ties to even, overflow to infinity).
    for bits in 0..=u16::MAX {
        let value = lay::half::to_f32(bits);
        if value.is_nan() {
            continue;
        }
        let next = f32::from_bits(value.to_bits() + 1);
        let between = (value as f64 + lay::half::to_f32(bits.wrapping_add(1)) as f64) / 2.0;
        for probe in [value, next, between as f32, -value, 65519.0, 65520.0, 1.0e-8, 2.9802322e-8, 2.9802326e-8] {
            assert_eq!(lay::half::from_f32(probe), lay::lay_half_of(probe)?, "{probe:e}");
        }
    }

    // NFloat: f64 on this 64-bit target, so no precision is lost.
    assert_eq!(std::mem::size_of::<lay::NFloat>(), 8);
    assert_eq!(lay::lay_nfloat_scale(0.1, 3.0)?, 0.1 * 3.0);
    assert_eq!(lay::lay_nfloat_scale(1e300, 10.0)?, 1e301);

    // A struct of a Half, an NFloat and an nint, by value both ways.
    let mixed = lay::lay_mixed_make(lay::half::from_f32(2.5), 2.5, -7)?;
    assert_eq!((mixed.H, mixed.F, mixed.N), (0x4100, 2.5, -7));
    assert_eq!(lay::lay_mixed_format(mixed)?.as_deref(), Some("2.5 2.5 -7"));
    let mine_mixed = lay::Mixed { H: lay::half::from_f32(0.5), F: 1e300, N: 1 << 40 };
    assert_eq!(lay::lay_mixed_format(mine_mixed)?.as_deref(), Some("0.5 1E+300 1099511627776"));

    assert_eq!(lay::lay_live_allocations()?, 0);
    assert_eq!(lay::lay_live_handles()?, 0);
    println!("bindings_consumer.rs: all checks passed");
    Ok(())
}
