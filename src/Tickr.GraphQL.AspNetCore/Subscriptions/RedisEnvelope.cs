using System.Text;

namespace Tickr.GraphQL.AspNetCore.Subscriptions;

/// <summary>
/// The wire format of a Redis message: <c>~{origin id, 32 hex digits} {JSON}</c>. The origin lets a bus skip its
/// own messages (it already delivered them to its local subscribers directly, which also works while Redis is
/// down). '~' never starts a JSON document, so a message without the header (e.g. sent with redis-cli by another
/// service) is accepted as bare JSON.
/// </summary>
internal static class RedisEnvelope
{
    public const int HeaderLength = 34;

    public static byte[] CreateHeader(Guid origin)
    {
        var header = Encoding.ASCII.GetBytes($"~{origin:N} ");
        return header.Length == HeaderLength ? header : throw new InvalidOperationException("Unexpected header length.");
    }

    public static byte[] Create(ReadOnlySpan<byte> header, ReadOnlySpan<byte> json)
    {
        var payload = new byte[header.Length + json.Length];
        header.CopyTo(payload);
        json.CopyTo(payload.AsSpan(header.Length));
        return payload;
    }

    /// <summary>Splits a received payload; <paramref name="fromSelf"/> is true when it carries <paramref name="ownHeader"/>.</summary>
    public static ReadOnlyMemory<byte> Read(byte[] payload, ReadOnlySpan<byte> ownHeader, out bool fromSelf)
    {
        if (payload.Length >= HeaderLength && payload[0] == (byte)'~' && payload[HeaderLength - 1] == (byte)' ')
        {
            fromSelf = payload.AsSpan(0, HeaderLength).SequenceEqual(ownHeader);
            return payload.AsMemory(HeaderLength);
        }

        fromSelf = false;
        return payload;
    }
}
