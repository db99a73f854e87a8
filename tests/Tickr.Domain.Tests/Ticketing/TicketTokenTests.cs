using System.Buffers.Text;
using System.Security.Cryptography;
using Tickr.Domain.Ticketing;

namespace Tickr.Domain.Tests.Ticketing;

public sealed class TicketTokenTests : IDisposable
{
    private static readonly TicketClaims Claims = new(
        Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
        Guid.Parse("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"),
        Guid.Parse("11111111-2222-3333-4444-555555555555"),
        3);

    private readonly EventSigningKey _key = EventSigningKey.Create();

    public void Dispose() => _key.Dispose();

    [Fact]
    public void A_signed_token_verifies_with_the_events_key_and_gives_back_its_claims()
    {
        var token = TicketToken.Sign(Claims, _key.Key);

        var result = TicketToken.Verify(token, _key.Key);

        Assert.Equal(TicketVerificationStatus.Valid, result.Status);
        Assert.True(result.IsValid);
        Assert.Equal(Claims, result.Claims);
        Assert.True(TicketToken.TryReadClaims(token, out var read));
        Assert.Equal(Claims, read);
    }

    [Fact]
    public void A_token_is_163_url_safe_characters_starting_with_TKR1()
    {
        var token = _key.Sign(Claims);

        Assert.Equal(TicketToken.Length, token.Length);
        Assert.StartsWith("TKR1.", token, StringComparison.Ordinal);
        Assert.All(token, c => Assert.True(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'));
        Assert.Equal(2, token.Count(c => c == '.'));
    }

    [Fact]
    public void The_payload_is_the_format_byte_the_three_uuids_in_RFC_4122_order_and_the_version_big_endian()
    {
        // What a scanner written in another language decodes: documented by example.
        var token = _key.Sign(Claims);
        var payload = Base64Url.DecodeFromChars(token.AsSpan(5, 71));

        Assert.Equal(
            "01" + "00112233445566778899AABBCCDDEEFF" + "0F1E2D3C4B5A69788796A5B4C3D2E1F0" + "11111111222233334444555555555555" + "00000003",
            Convert.ToHexString(payload));
    }

    [Fact]
    public void The_signature_is_P1363_over_the_prefix_and_encoded_payload_so_any_ECDSA_library_can_check_it()
    {
        var token = _key.Sign(Claims);
        var signature = Base64Url.DecodeFromChars(token.AsSpan(77));
        var signed = System.Text.Encoding.ASCII.GetBytes(token[..76]);

        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(_key.ExportPublicKey(), out _);
        Assert.True(verifier.VerifyData(signed, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        // DER form, as OpenSSL and Java expect by default, verifies too once converted.
        Assert.True(verifier.VerifyData(signed, ToDer(signature), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
    }

    [Fact]
    public void Every_flipped_bit_of_the_payload_or_signature_is_refused()
    {
        var token = _key.Sign(Claims);
        var payload = Base64Url.DecodeFromChars(token.AsSpan(5, 71));
        var signature = Base64Url.DecodeFromChars(token.AsSpan(77));

        for (var i = 0; i < payload.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var altered = (byte[])payload.Clone();
                altered[i] ^= (byte)(1 << bit);
                var result = TicketToken.Verify(Assemble(altered, signature), _key.Key);

                // The format byte and the version's sign bit make the token malformed; every other bit breaks the signature.
                var structural = i == 0 || (i == 49 && bit == 7);
                Assert.Equal(structural ? TicketVerificationStatus.Malformed : TicketVerificationStatus.InvalidSignature, result.Status);
                Assert.Null(result.Claims);
            }
        }

        for (var i = 0; i < signature.Length; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var altered = (byte[])signature.Clone();
                altered[i] ^= (byte)(1 << bit);
                Assert.Equal(TicketVerificationStatus.InvalidSignature, TicketToken.Verify(Assemble(payload, altered), _key.Key).Status);
            }
        }
    }

    [Fact]
    public void A_token_signed_with_another_events_key_is_an_invalid_signature()
    {
        using var other = EventSigningKey.Create();
        var forged = other.Sign(Claims);

        var result = _key.Verify(forged);

        Assert.Equal(TicketVerificationStatus.InvalidSignature, result.Status);
        Assert.Null(result.Claims);
        // Its claims can still be read, unverified, to find the key it claims to need.
        Assert.True(TicketToken.TryReadClaims(forged, out var read));
        Assert.Equal(Claims.EventId, read.EventId);
    }

    [Fact]
    public void The_high_s_twin_of_a_valid_signature_is_refused()
    {
        // (r, n - s) is a valid ECDSA signature too; Sign always emits the low s, Verify accepts nothing else.
        var token = _key.Sign(Claims);
        var payload = Base64Url.DecodeFromChars(token.AsSpan(5, 71));
        var signature = Base64Url.DecodeFromChars(token.AsSpan(77));
        var n = new System.Numerics.BigInteger(Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"), true, true);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), true, true);
        Assert.True(s <= n / 2);
        var twin = (byte[])signature.Clone();
        Array.Clear(twin, 32, 32);
        var high = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
        high.CopyTo(twin, 64 - high.Length);

        using var verifier = ECDsa.Create();
        verifier.ImportSubjectPublicKeyInfo(_key.ExportPublicKey(), out _);
        Assert.True(verifier.VerifyData(System.Text.Encoding.ASCII.GetBytes(token[..76]), twin, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        Assert.Equal(TicketVerificationStatus.InvalidSignature, _key.Verify(Assemble(payload, twin)).Status);
    }

    [Fact]
    public void Every_truncation_and_extension_is_malformed()
    {
        var token = _key.Sign(Claims);
        for (var length = 0; length < token.Length; length++)
        {
            AssertMalformed(token[..length]);
            AssertMalformed(token[(token.Length - length)..]);
        }
        foreach (var suffix in new[] { "A", "=", "==", ".", " ", "\n", "\0", ".AAAA", token })
        {
            AssertMalformed(token + suffix);
            AssertMalformed(suffix + token);
        }
    }

    public static TheoryData<string?> Garbage() => new()
    {
        null,
        "",
        " ",
        "TKR1.",
        "TKR1..",
        "hello world",
        "https://tickr.tn/tickets/123",
        new string('A', 163),
        "TKR1." + new string('A', 158),
        "TKR1." + new string('A', 71) + "." + new string('A', 86) + "A",
        new string('x', 1_000_000),
        "TKR1." + new string('é', 71) + "." + new string('A', 86),
        "TKR1." + new string('\0', 71) + "." + new string('A', 86),
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_malformed_and_never_throws(string? input) => AssertMalformed(input);

    [Fact]
    public void Other_spellings_of_a_valid_token_are_malformed()
    {
        var token = _key.Sign(Claims);
        var payloadText = token.Substring(5, 71);
        var signatureText = token[77..];

        AssertMalformed("TKR2." + token[5..]);
        AssertMalformed("tkr1." + token[5..]);
        AssertMalformed("TKR1:" + token[5..]);
        AssertMalformed(token[..76] + ":" + signatureText);
        AssertMalformed(" " + token.Trim());
        AssertMalformed(token[..76] + "." + signatureText[..^2] + "==");                 // padding in place of data
        AssertMalformed(token[..10] + "+" + token[11..]);                                   // standard base64's alphabet
        AssertMalformed(token[..100] + "/" + token[101..]);
        AssertMalformed("TKR1." + payloadText[..35] + "\n" + payloadText[36..] + "." + signatureText); // whitespace

        // Non-canonical base64url: the same bytes with the unused low bits of the last character set.
        AssertMalformed("TKR1." + payloadText[..^1] + WithLowBits(payloadText[^1], 2) + "." + signatureText);
        AssertMalformed(token[..77] + signatureText[..^1] + WithLowBits(signatureText[^1], 4));
    }

    [Fact]
    public void An_unknown_format_version_or_a_negative_ticket_version_is_malformed_even_when_correctly_signed()
    {
        var payload = Base64Url.DecodeFromChars(_key.Sign(Claims).AsSpan(5, 71));

        var otherFormat = (byte[])payload.Clone();
        otherFormat[0] = 2;
        AssertMalformed(SignRaw(otherFormat));

        var negative = (byte[])payload.Clone();
        negative[49] = 0xFF;
        AssertMalformed(SignRaw(negative));

        Assert.Equal(TicketVerificationStatus.Valid, _key.Verify(SignRaw(payload)).Status);
    }

    [Fact]
    public void A_new_ticket_version_gives_a_different_token_carrying_the_new_version()
    {
        var v3 = _key.Sign(Claims);
        var v4 = _key.Sign(Claims with { Version = 4 });

        Assert.NotEqual(v3, v4);
        Assert.NotEqual(v3[..76], v4[..76]);
        Assert.Equal(4, _key.Verify(v4).Claims!.Version);
        Assert.Equal(3, _key.Verify(v3).Claims!.Version);
    }

    [Fact]
    public void Extreme_claims_round_trip()
    {
        foreach (var claims in new[]
        {
            new TicketClaims(Guid.Empty, Guid.Empty, Guid.Empty, 0),
            new TicketClaims(Guid.AllBitsSet, Guid.AllBitsSet, Guid.AllBitsSet, int.MaxValue),
            new TicketClaims(Guid.NewGuid(), Guid.CreateVersion7(), Guid.NewGuid(), 1),
        })
        {
            Assert.Equal(claims, _key.Verify(_key.Sign(claims)).Claims);
        }
    }

    [Fact]
    public void Signing_refuses_a_negative_version_and_a_key_that_is_not_P256()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => _key.Sign(Claims with { Version = -1 }));
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.Throws<ArgumentException>(() => TicketToken.Sign(Claims, p384));
        // A P-384 key checking a P-256 token just says no.
        Assert.Equal(TicketVerificationStatus.InvalidSignature, TicketToken.Verify(_key.Sign(Claims), p384).Status);
    }

    private string SignRaw(byte[] payload)
    {
        var signedText = "TKR1." + Base64Url.EncodeToString(payload);
        var signature = _key.Key.SignData(System.Text.Encoding.ASCII.GetBytes(signedText), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        // Low s, as the format requires.
        var n = new System.Numerics.BigInteger(Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"), true, true);
        var s = new System.Numerics.BigInteger(signature.AsSpan(32), true, true);
        if (s > n / 2)
        {
            Array.Clear(signature, 32, 32);
            var low = (n - s).ToByteArray(isUnsigned: true, isBigEndian: true);
            low.CopyTo(signature, 64 - low.Length);
        }
        return signedText + "." + Base64Url.EncodeToString(signature);
    }

    private void AssertMalformed(string? token)
    {
        var result = TicketToken.Verify(token, _key.Key);
        Assert.Equal(TicketVerificationStatus.Malformed, result.Status);
        Assert.Null(result.Claims);
        Assert.False(TicketToken.TryReadClaims(token, out var claims));
        Assert.Null(claims);
    }

    private static string Assemble(byte[] payload, byte[] signature) =>
        "TKR1." + Base64Url.EncodeToString(payload) + "." + Base64Url.EncodeToString(signature);

    private static char WithLowBits(char last, int unusedBits)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        var value = alphabet.IndexOf(last, StringComparison.Ordinal);
        Assert.Equal(0, value & ((1 << unusedBits) - 1));
        return alphabet[value | 1];
    }

    private static byte[] ToDer(byte[] p1363)
    {
        // SEQUENCE { INTEGER r, INTEGER s }, each integer minimal and positive.
        static byte[] Integer(ReadOnlySpan<byte> value)
        {
            var trimmed = value.TrimStart((byte)0).ToArray();
            var body = trimmed.Length == 0 || trimmed[0] >= 0x80 ? [0, .. trimmed] : trimmed;
            return [0x02, (byte)body.Length, .. body];
        }
        var r = Integer(p1363.AsSpan(0, 32));
        var s = Integer(p1363.AsSpan(32));
        return [0x30, (byte)(r.Length + s.Length), .. r, .. s];
    }
}
