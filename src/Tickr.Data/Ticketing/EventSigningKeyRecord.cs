namespace Tickr.Data.Ticketing;

/// <summary>
/// An event's ticket-signing key pair (ECDSA P-256). The public key is handed to the event's scanners for offline
/// checks; the private key never leaves the server and is stored protected by ASP.NET Core Data Protection.
/// </summary>
public sealed class EventSigningKeyRecord
{
    public Guid EventId { get; set; }

    public string KeyId { get; set; } = "";

    /// <summary>SubjectPublicKeyInfo (DER).</summary>
    public byte[] PublicKey { get; set; } = [];

    /// <summary>PKCS#8 private key, protected (Data Protection) by the server before it is stored.</summary>
    public byte[] ProtectedPrivateKey { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }
}
