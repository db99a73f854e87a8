using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tickr.Domain.Ticketing;

/// <summary>
/// An event's ticket-signing key: ECDSA on NIST P-256. The server keeps the private key (PKCS#8) to sign tickets;
/// scanner apps get the public key (SubjectPublicKeyInfo, as base64url or PEM) and verify tickets offline. One key per
/// event, so a leaked key forges tickets for one event only. Holds an <see cref="ECDsa"/>: dispose it.
/// </summary>
public sealed class EventSigningKey : IDisposable
{
    private const string P256Oid = "1.2.840.10045.3.1.7";
    private const int KeyIdHashBytes = 8;

    private readonly ECDsa _key;

    private EventSigningKey(ECDsa key, bool hasPrivateKey)
    {
        _key = key;
        HasPrivateKey = hasPrivateKey;
        var spki = key.ExportSubjectPublicKeyInfo();
        KeyId = ComputeKeyId(spki);
    }

    /// <summary>The ECDSA key (for <see cref="TicketToken.Sign"/> and <see cref="TicketToken.Verify"/>); owned by this object.</summary>
    public ECDsa Key => _key;

    /// <summary>False for a key imported from its public part only (a scanner's): it verifies but cannot sign.</summary>
    public bool HasPrivateKey { get; }

    /// <summary>
    /// A short, stable id of the public key: base64url of the first 8 bytes of SHA-256 over the SubjectPublicKeyInfo
    /// (11 characters). Lets a scanner tell which key it holds, and the server name a key in logs without revealing it.
    /// </summary>
    public string KeyId { get; }

    /// <summary>A new random P-256 key pair.</summary>
    public static EventSigningKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256), hasPrivateKey: true);

    /// <summary>Imports a private key exported by <see cref="ExportPrivateKey"/> (unencrypted PKCS#8, P-256 only).</summary>
    /// <exception cref="CryptographicException">The bytes are not a P-256 PKCS#8 private key.</exception>
    public static EventSigningKey ImportPrivateKey(ReadOnlySpan<byte> pkcs8)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportPkcs8PrivateKey(pkcs8, out var read);
            RequireWhole(read, pkcs8.Length);
            RequireP256(key);
            return new EventSigningKey(key, hasPrivateKey: true);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Imports a public key (DER SubjectPublicKeyInfo, P-256 only): a verifying key.</summary>
    /// <exception cref="CryptographicException">The bytes are not a P-256 SubjectPublicKeyInfo.</exception>
    public static EventSigningKey ImportPublicKey(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out var read);
            RequireWhole(read, subjectPublicKeyInfo.Length);
            RequireP256(key);
            return new EventSigningKey(key, hasPrivateKey: false);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Imports a public key in either text form a scanner app may hold: PEM (<c>-----BEGIN PUBLIC KEY-----</c>) or
    /// base64url of the SubjectPublicKeyInfo (<see cref="ExportPublicKeyBase64Url"/>).
    /// </summary>
    /// <exception cref="CryptographicException">The text is neither form of a P-256 public key.</exception>
    public static EventSigningKey ImportPublicKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----", StringComparison.Ordinal))
        {
            if (!PemEncoding.TryFind(trimmed, out var fields) || trimmed[fields.Label] is not "PUBLIC KEY")
            {
                throw new CryptographicException("The PEM text holds no PUBLIC KEY block.");
            }
            return ImportPublicKey(Convert.FromBase64String(trimmed[fields.Base64Data]));
        }

        byte[] der;
        try
        {
            der = Base64Url.DecodeFromChars(trimmed);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("The text is neither PEM nor base64url.", e);
        }
        return ImportPublicKey(der);
    }

    /// <summary>The private key as unencrypted PKCS#8 DER: a secret; store it encrypted.</summary>
    /// <exception cref="InvalidOperationException">The key was imported from its public part.</exception>
    public byte[] ExportPrivateKey()
    {
        if (!HasPrivateKey)
        {
            throw new InvalidOperationException("This key was imported without its private part.");
        }
        return _key.ExportPkcs8PrivateKey();
    }

    /// <summary>The public key as DER SubjectPublicKeyInfo (91 bytes for P-256).</summary>
    public byte[] ExportPublicKey() => _key.ExportSubjectPublicKeyInfo();

    /// <summary>The public key as base64url (unpadded) of the SubjectPublicKeyInfo: one line for a scanner app's config.</summary>
    public string ExportPublicKeyBase64Url() => Base64Url.EncodeToString(ExportPublicKey());

    /// <summary>The public key as PEM (<c>-----BEGIN PUBLIC KEY-----</c>), what OpenSSL and most libraries read.</summary>
    public string ExportPublicKeyPem() => _key.ExportSubjectPublicKeyInfoPem();

    /// <summary>Signs the claims (see <see cref="TicketToken.Sign"/>).</summary>
    public string Sign(TicketClaims claims)
    {
        if (!HasPrivateKey)
        {
            throw new InvalidOperationException("This key was imported without its private part: it verifies, it cannot sign.");
        }
        return TicketToken.Sign(claims, _key);
    }

    /// <summary>Checks a token against this key (see <see cref="TicketToken.Verify"/>).</summary>
    public TicketVerification Verify(string? token) => TicketToken.Verify(token, _key);

    /// <summary>The key id of a DER SubjectPublicKeyInfo (see <see cref="KeyId"/>).</summary>
    public static string ComputeKeyId(ReadOnlySpan<byte> subjectPublicKeyInfo)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(subjectPublicKeyInfo, hash);
        return Base64Url.EncodeToString(hash[..KeyIdHashBytes]);
    }

    public void Dispose() => _key.Dispose();

    private static void RequireWhole(int read, int length)
    {
        if (read != length)
        {
            throw new CryptographicException($"The key is followed by {length - read} unexpected bytes.");
        }
    }

    private static void RequireP256(ECDsa key)
    {
        var curve = key.ExportParameters(includePrivateParameters: false).Curve;
        if (!curve.IsNamed || curve.Oid.Value != P256Oid)
        {
            throw new CryptographicException($"Ticket keys are P-256; this key is on {curve.Oid.FriendlyName ?? curve.Oid.Value ?? "an explicit curve"}.");
        }
    }
}
