using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Tickr.GraphQL.AspNetCore.Http;

/// <summary>Media type names and Accept / Content-Type negotiation.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";
    public const string EventStream = "text/event-stream";
    public const string Html = "text/html";

    public const string GraphQLResponseJsonUtf8 = "application/graphql-response+json; charset=utf-8";
    public const string JsonUtf8 = "application/json; charset=utf-8";

    /// <summary>
    /// The best media type of <paramref name="accept"/> (highest q; on a tie, ours in order graphql-response+json,
    /// json, event-stream, html). No Accept header means <c>application/json</c>, as the spec asks; <c>*/*</c> and
    /// <c>application/*</c> mean <c>application/json</c> too, which every client understands.
    /// </summary>
    public static ResponseMediaType Negotiate(StringValues accept, bool allowEventStream, bool allowHtml = false)
    {
        // Fast path: one header line with one of the values clients actually send, no parsing or allocation.
        if (accept.Count == 1 && TryNegotiateExact(accept[0]) is { } exact)
        {
            return exact;
        }
        if (AllBlank(accept))
        {
            return ResponseMediaType.Json;
        }
        if (!MediaTypeHeaderValue.TryParseList(accept, out var values))
        {
            return ResponseMediaType.None;
        }
        var best = ResponseMediaType.None;
        var bestQuality = 0.0;
        foreach (var value in values)
        {
            var quality = value.Quality ?? 1.0;
            if (quality <= 0 || !CharsetIsUtf8(value))
            {
                continue;
            }
            var candidate = Classify(value, allowEventStream);
            // text/html only names the IDE page: for an operation it is not something we can produce, so a browser's
            // "text/html, …, */*;q=0.8" falls through to its wildcard instead of a 406.
            if (candidate == ResponseMediaType.None || (candidate == ResponseMediaType.Html && !allowHtml))
            {
                continue;
            }
            if (quality > bestQuality || (quality == bestQuality && candidate < best))
            {
                best = candidate;
                bestQuality = quality;
            }
        }
        return best;
    }

    /// <summary>
    /// The result of <see cref="Negotiate"/> for a single header value the full parse would give the same answer for
    /// whatever the flags (no event-stream or html, q=1 everywhere); null when the value needs the full parse.
    /// </summary>
    private static ResponseMediaType? TryNegotiateExact(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ResponseMediaType.Json;
        }
        if (value.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || value.Equals("*/*", StringComparison.Ordinal)
            || value.Equals(JsonUtf8, StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMediaType.Json;
        }
        if (value.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)
            || value.Equals(GraphQLResponseJsonUtf8, StringComparison.OrdinalIgnoreCase)
            || value.Equals("application/graphql-response+json, application/json", StringComparison.OrdinalIgnoreCase)
            || value.Equals("application/graphql-response+json, application/json;q=0.9", StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMediaType.GraphQLResponseJson;
        }
        return null;
    }

    private static bool AllBlank(StringValues values)
    {
        foreach (var value in values)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>True for <c>application/json</c> bodies in UTF-8 (no charset means UTF-8).</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return false;
        }
        // Fast path: the values clients actually send.
        if (contentType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals(JsonUtf8, StringComparison.OrdinalIgnoreCase)
            || contentType.Equals("application/json;charset=utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (!MediaTypeHeaderValue.TryParse(contentType, out var value))
        {
            return false;
        }
        var type = value.MediaType;
        return (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type.Equals("application/graphql+json", StringComparison.OrdinalIgnoreCase))
            && CharsetIsUtf8(value);
    }

    private static ResponseMediaType Classify(MediaTypeHeaderValue value, bool allowEventStream)
    {
        var type = value.MediaType;
        if (type.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMediaType.GraphQLResponseJson;
        }
        if (type.Equals(Json, StringComparison.OrdinalIgnoreCase) || type.Equals("*/*", StringComparison.Ordinal) || type.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMediaType.Json;
        }
        if (type.Equals(EventStream, StringComparison.OrdinalIgnoreCase))
        {
            return allowEventStream ? ResponseMediaType.EventStream : ResponseMediaType.None;
        }
        if (type.Equals(Html, StringComparison.OrdinalIgnoreCase))
        {
            return ResponseMediaType.Html;
        }
        return ResponseMediaType.None;
    }

    private static bool CharsetIsUtf8(MediaTypeHeaderValue value) =>
        !value.Charset.HasValue
        || value.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || value.Charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
