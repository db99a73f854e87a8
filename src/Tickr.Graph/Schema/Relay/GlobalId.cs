using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Tickr.Graph.Schema.Relay;

/// <summary>
/// Opaque global ids (Relay's object identification): the GraphQL type name and the object's key, base64url-encoded
/// (<c>Event:0193…</c> → <c>RXZlbnQ6MDE5M…</c>). Clients must treat them as opaque strings; the server decodes them to
/// find the type and the row.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(typeName + ":" + id.ToString("N")));

    /// <summary>Decodes an id; false for anything malformed (bad base64, no separator, not a GUID).</summary>
    public static bool TryDecode(string? value, [NotNullWhen(true)] out string? typeName, out Guid id)
    {
        typeName = null;
        id = Guid.Empty;
        if (string.IsNullOrEmpty(value) || value.Length > 200)
        {
            return false;
        }
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(value);
        }
        catch (FormatException)
        {
            return false;
        }
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Guid.TryParseExact(text.AsSpan(colon + 1), "N", out id))
        {
            return false;
        }
        typeName = text[..colon];
        return true;
    }

    /// <summary>The key of an id that must denote a <paramref name="typeName"/>; false when malformed or of another type.</summary>
    public static bool TryDecode(string? value, string typeName, out Guid id) =>
        TryDecode(value, out var actual, out id) && actual == typeName;
}
