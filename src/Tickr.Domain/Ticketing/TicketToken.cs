using System.Buffers.Binary;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Security.Cryptography;
using System.Text;

namespace Tickr.Domain.Ticketing;

/// <summary>
/// The signed, offline-verifiable token a ticket's QR code carries:
/// <c>TKR1.</c> + base64url(payload) + <c>.</c> + base64url(signature), 163 ASCII characters.
/// <list type="bullet">
/// <item>payload (53 bytes): format version (1), event id, ticket id, ticket type id (16 bytes each, RFC 4122 byte
/// order, so <c>Guid.ToString()</c> and any other UUID library agree), ticket version (int32, big-endian, ≥ 0);</item>
/// <item>signature (64 bytes): ECDSA P-256 with SHA-256 in IEEE P1363 form (r ‖ s, s normalised to the lower half of
/// the group order), over the ASCII text <c>TKR1.</c> + base64url(payload), so it covers the prefix too.</item>
/// </list>
/// Parsing is strict and never throws on input: anything but exactly this shape (padding, whitespace, other
/// alphabets, non-canonical base64url, extra segments, unknown format version) is <see cref="TicketVerificationStatus.Malformed"/>.
/// ECDSA is randomised: signing the same claims twice gives two different, equally valid tokens.
/// </summary>
public static class TicketToken
{
    /// <summary>The text every token starts with (format 1).</summary>
    public const string Prefix = "TKR1.";

    /// <summary>The length of every token, in characters.</summary>
    public const int Length = 163;

    private const byte FormatVersion = 1;
    private const int GuidSize = 16;
    private const int PayloadSize = 1 + 3 * GuidSize + sizeof(int);
    private const int SignatureSize = 64;
    private const int ScalarSize = 32;
    private const int EncodedPayloadLength = 71;   // 53 bytes, unpadded base64url
    private const int EncodedSignatureLength = 86; // 64 bytes, unpadded base64url
    private const int SignedLength = 5 + EncodedPayloadLength;

    // The order n of P-256's base point, and n / 2: signatures carry the smaller of s and n - s (both verify), so that
    // a valid token cannot be turned into a second valid spelling of itself.
    private static readonly BigInteger Order = new(Convert.FromHexString(
        "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551"), isUnsigned: true, isBigEndian: true);

    private static readonly BigInteger HalfOrder = Order >> 1;

    /// <summary>Signs the claims with the event's private key (ECDSA P-256).</summary>
    public static string Sign(TicketClaims claims, ECDsa privateKey)
    {
        ArgumentNullException.ThrowIfNull(claims);
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentOutOfRangeException.ThrowIfNegative(claims.Version);
        if (privateKey.KeySize != 256)
        {
            throw new ArgumentException($"Ticket tokens are signed with P-256 keys; this key has {privateKey.KeySize} bits.", nameof(privateKey));
        }

        Span<byte> payload = stackalloc byte[PayloadSize];
        WritePayload(claims, payload);

        var text = new char[Length];
        Prefix.CopyTo(text);
        Base64Url.EncodeToChars(payload, text.AsSpan(Prefix.Length, EncodedPayloadLength));
        text[SignedLength] = '.';

        Span<byte> signedBytes = stackalloc byte[SignedLength];
        Encoding.ASCII.GetBytes(text.AsSpan(0, SignedLength), signedBytes);
        var signature = privateKey.SignData(signedBytes, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        if (signature.Length != SignatureSize)
        {
            throw new ArgumentException("The key did not produce a 64-byte P-256 signature.", nameof(privateKey));
        }
        NormalizeS(signature.AsSpan(ScalarSize));
        Base64Url.EncodeToChars(signature, text.AsSpan(SignedLength + 1, EncodedSignatureLength));
        return new string(text);
    }

    /// <summary>
    /// Checks the token against the event's public key. Never throws on any input: a token that is not exactly a
    /// format-1 token is <see cref="TicketVerificationStatus.Malformed"/>, a well-formed one that the key did not sign is
    /// <see cref="TicketVerificationStatus.InvalidSignature"/>.
    /// </summary>
    public static TicketVerification Verify(string? token, ECDsa publicKey)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        Span<byte> signature = stackalloc byte[SignatureSize];
        if (!TryParse(token, out var claims, signature))
        {
            return TicketVerification.Malformed;
        }

        // A high-s signature is valid ECDSA but never one Sign produces: refusing it keeps one spelling per signature.
        if (new BigInteger(signature[ScalarSize..], isUnsigned: true, isBigEndian: true) > HalfOrder)
        {
            return TicketVerification.InvalidSignature;
        }

        Span<byte> signedBytes = stackalloc byte[SignedLength];
        Encoding.ASCII.GetBytes(token.AsSpan(0, SignedLength), signedBytes);
        return publicKey.VerifyData(signedBytes, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? new TicketVerification(TicketVerificationStatus.Valid, claims)
            : TicketVerification.InvalidSignature;
    }

    /// <summary>
    /// Reads the claims of a well-formed token <b>without checking its signature</b>: to find the event, and so the key
    /// to verify with. Nothing read here may be trusted before <see cref="Verify"/> says Valid.
    /// </summary>
    public static bool TryReadClaims(string? token, [NotNullWhen(true)] out TicketClaims? claims)
    {
        Span<byte> signature = stackalloc byte[SignatureSize];
        return TryParse(token, out claims, signature);
    }

    private static bool TryParse([NotNullWhen(true)] string? token, [NotNullWhen(true)] out TicketClaims? claims, Span<byte> signature)
    {
        claims = null;
        if (token is null || token.Length != Length || !token.StartsWith(Prefix, StringComparison.Ordinal) || token[SignedLength] != '.')
        {
            return false;
        }

        Span<byte> payload = stackalloc byte[PayloadSize];
        if (!TryDecodeCanonical(token.AsSpan(Prefix.Length, EncodedPayloadLength), payload)
            || !TryDecodeCanonical(token.AsSpan(SignedLength + 1, EncodedSignatureLength), signature)
            || payload[0] != FormatVersion)
        {
            return false;
        }

        var version = BinaryPrimitives.ReadInt32BigEndian(payload[(1 + 3 * GuidSize)..]);
        if (version < 0)
        {
            return false;
        }

        claims = new TicketClaims(
            new Guid(payload.Slice(1, GuidSize), bigEndian: true),
            new Guid(payload.Slice(1 + GuidSize, GuidSize), bigEndian: true),
            new Guid(payload.Slice(1 + 2 * GuidSize, GuidSize), bigEndian: true),
            version);
        return true;
    }

    /// <summary>
    /// An id as a token's payload writes it (16 bytes in RFC 4122 order), as unpadded base64url (22 characters): an
    /// offline scanner compares the event part of a token's payload with this to refuse other events' tickets.
    /// </summary>
    public static string EncodeId(Guid id)
    {
        Span<byte> bytes = stackalloc byte[GuidSize];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        return Base64Url.EncodeToString(bytes);
    }

    private static void WritePayload(TicketClaims claims, Span<byte> payload)
    {
        payload[0] = FormatVersion;
        claims.EventId.TryWriteBytes(payload.Slice(1, GuidSize), bigEndian: true, out _);
        claims.TicketId.TryWriteBytes(payload.Slice(1 + GuidSize, GuidSize), bigEndian: true, out _);
        claims.TicketTypeId.TryWriteBytes(payload.Slice(1 + 2 * GuidSize, GuidSize), bigEndian: true, out _);
        BinaryPrimitives.WriteInt32BigEndian(payload[(1 + 3 * GuidSize)..], claims.Version);
    }

    /// <summary>
    /// Decodes unpadded base64url into exactly <paramref name="destination"/>.Length bytes, refusing any character outside
    /// the alphabet and any spelling other than the one encoding would produce (non-zero unused bits in the last character).
    /// </summary>
    private static bool TryDecodeCanonical(ReadOnlySpan<char> text, Span<byte> destination)
    {
        // Decoded by hand: the BCL's decoders accept padding and whitespace, and throw (rather than fail) on some
        // inputs; this one knows the exact length and refuses everything else.
        if (text.Length != (destination.Length * 8 + 5) / 6)
        {
            return false;
        }

        var buffer = 0;
        var bits = 0;
        var written = 0;
        foreach (var c in text)
        {
            var value = SextetOf(c);
            if (value < 0)
            {
                return false;
            }
            buffer = (buffer << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                destination[written++] = (byte)(buffer >> bits);
                buffer &= (1 << bits) - 1;
            }
        }

        // Canonical: the bits of the last character beyond the last byte are zero.
        return written == destination.Length && buffer == 0;
    }

    private static int SextetOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };

    private static void NormalizeS(Span<byte> s)
    {
        var value = new BigInteger(s, isUnsigned: true, isBigEndian: true);
        if (value <= HalfOrder)
        {
            return;
        }
        s.Clear();
        var low = Order - value;
        var byteCount = low.GetByteCount(isUnsigned: true);
        low.TryWriteBytes(s[(ScalarSize - byteCount)..], out _, isUnsigned: true, isBigEndian: true);
    }
}
