using System.Security.Cryptography;
using Tickr.Domain.Ticketing;

namespace Tickr.Domain.Tests.Ticketing;

public sealed class EventSigningKeyTests
{
    private static readonly TicketClaims Claims = new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), 1);

    [Fact]
    public void An_exported_private_key_imports_back_and_signs_tokens_the_original_verifies()
    {
        using var original = EventSigningKey.Create();
        var pkcs8 = original.ExportPrivateKey();

        using var restored = EventSigningKey.ImportPrivateKey(pkcs8);

        Assert.True(restored.HasPrivateKey);
        Assert.Equal(original.KeyId, restored.KeyId);
        Assert.Equal(original.ExportPublicKey(), restored.ExportPublicKey());
        Assert.True(original.Verify(restored.Sign(Claims)).IsValid);
        Assert.True(restored.Verify(original.Sign(Claims)).IsValid);
    }

    [Fact]
    public void The_public_key_imports_from_DER_base64url_or_PEM_and_verifies_but_cannot_sign()
    {
        using var key = EventSigningKey.Create();
        var token = key.Sign(Claims);
        var der = key.ExportPublicKey();
        var base64Url = key.ExportPublicKeyBase64Url();
        var pem = key.ExportPublicKeyPem();

        Assert.Equal(91, der.Length);
        Assert.DoesNotContain('=', base64Url);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);

        foreach (var scanner in new[] { EventSigningKey.ImportPublicKey(der), EventSigningKey.ImportPublicKey(base64Url), EventSigningKey.ImportPublicKey(pem + "\n") })
        {
            using (scanner)
            {
                Assert.False(scanner.HasPrivateKey);
                Assert.Equal(key.KeyId, scanner.KeyId);
                Assert.Equal(Claims, scanner.Verify(token).Claims);
                Assert.Throws<InvalidOperationException>(() => scanner.Sign(Claims));
                Assert.Throws<InvalidOperationException>(() => scanner.ExportPrivateKey());
            }
        }
    }

    [Fact]
    public void The_key_id_is_11_base64url_characters_of_the_public_keys_hash_and_differs_between_keys()
    {
        using var a = EventSigningKey.Create();
        using var b = EventSigningKey.Create();

        Assert.Equal(11, a.KeyId.Length);
        Assert.Equal(EventSigningKey.ComputeKeyId(a.ExportPublicKey()), a.KeyId);
        Assert.Equal(Convert.ToBase64String(SHA256.HashData(a.ExportPublicKey()).AsSpan(0, 8)).TrimEnd('=').Replace('+', '-').Replace('/', '_'), a.KeyId);
        Assert.NotEqual(a.KeyId, b.KeyId);
    }

    [Fact]
    public void Keys_that_are_not_P256_or_not_keys_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPrivateKey(p384.ExportPkcs8PrivateKey()));
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPublicKey(p384.ExportSubjectPublicKeyInfo()));
        using var rsa = RSA.Create(2048);
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPublicKey(rsa.ExportSubjectPublicKeyInfo()));

        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPrivateKey([1, 2, 3]));
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPublicKey("not a key"));
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPublicKey("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----"));

        using var key = EventSigningKey.Create();
        Assert.ThrowsAny<CryptographicException>(() => EventSigningKey.ImportPublicKey([.. key.ExportPublicKey(), 0]));
    }
}
