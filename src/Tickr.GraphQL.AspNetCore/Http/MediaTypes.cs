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
    public static ResponseMediaType Negotiate(IList<string>? accept, bool allowEventStream, bool allowHtml = false)
    {
        if (accept is null || accept.Count == 0 || accept.All(string.IsNullOrWhiteSpace))
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

    /// <summary>True for <c>application/json</c> bodies in UTF-8 (no charset means UTF-8).</summary>
    public static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType) || !MediaTypeHeaderValue.TryParse(contentType, out var value))
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
