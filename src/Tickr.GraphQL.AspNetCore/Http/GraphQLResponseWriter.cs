using System.Buffers;
using Microsoft.AspNetCore.Http;
using Tickr.GraphQL.Execution;

namespace Tickr.GraphQL.AspNetCore.Http;

/// <summary>Writes GraphQL responses with the status code the GraphQL-over-HTTP spec prescribes for the media type.</summary>
internal static class GraphQLResponseWriter
{
    /// <summary>
    /// <c>application/json</c>: 200 for every GraphQL response (legacy clients read errors from the body).
    /// <c>application/graphql-response+json</c>: 200 when execution started (a <c>data</c> entry exists), otherwise
    /// 400 for request errors and 500 when the server failed.
    /// </summary>
    public static int StatusFor(ExecutionResult result, ResponseMediaType media)
    {
        if (media != ResponseMediaType.GraphQLResponseJson || result.HasData)
        {
            return StatusCodes.Status200OK;
        }
        if (result.Errors is { } errors && errors.Any(e => e.Code == ErrorCodes.Unexpected))
        {
            return StatusCodes.Status500InternalServerError;
        }
        return StatusCodes.Status400BadRequest;
    }

    public static async Task WriteAsync(HttpContext context, ExecutionResult result, ResponseMediaType media, int? status = null)
    {
        var response = context.Response;
        response.StatusCode = status ?? StatusFor(result, media);
        response.ContentType = media == ResponseMediaType.GraphQLResponseJson ? MediaTypes.GraphQLResponseJsonUtf8 : MediaTypes.JsonUtf8;
        response.Headers.CacheControl = "no-store";
        // Serialized into a per-thread buffer first so the answer has a Content-Length (no chunk framing); the copy into
        // the response pipe happens before the first await, so the buffer is free again for the next request.
        var buffer = t_buffer ?? new ArrayBufferWriter<byte>(1024);
        t_buffer = null;
        ExecutionResultWriter.Write(buffer, result);
        response.ContentLength = buffer.WrittenCount;
        response.BodyWriter.Write(buffer.WrittenSpan);
        if (buffer.Capacity <= MaxCachedBufferSize)
        {
            buffer.ResetWrittenCount();
            t_buffer = buffer;
        }
        await response.BodyWriter.FlushAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private const int MaxCachedBufferSize = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    /// <summary>A request error (not a GraphQL response proper): always the given status, whatever the media type.</summary>
    public static Task WriteRequestErrorAsync(HttpContext context, int status, string message, ResponseMediaType media, string code = TransportErrorCodes.BadRequest)
    {
        if (media is not ResponseMediaType.GraphQLResponseJson)
        {
            media = ResponseMediaType.Json;
        }
        return WriteAsync(context, ExecutionResult.FromError(new GraphQLError(message, code: code)), media, status);
    }
}
