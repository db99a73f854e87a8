using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Tickr.GraphQL.AspNetCore.SharedSubscriptions;

namespace Tickr.GraphQL.AspNetCore.Sse;

/// <summary>
/// GraphQL over Server-Sent Events, graphql-sse "distinct connections" mode: one HTTP response per operation, a
/// <c>next</c> event per result, then a <c>complete</c> event. Keep-alive comments keep proxies from closing an idle
/// subscription.
/// </summary>
internal static class ServerSentEventsWriter
{
    private static readonly byte[] NextPrefix = "event: next\ndata: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Complete = "event: complete\ndata: \n\n"u8.ToArray();
    private static readonly byte[] KeepAlive = ":\n\n"u8.ToArray();

    public static async Task StreamAsync(HttpContext context, IAsyncEnumerable<SubscriptionPayload> results, TimeSpan keepAliveInterval)
    {
        var response = context.Response;
        var aborted = context.RequestAborted;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        response.Headers.Connection = "keep-alive";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx would otherwise buffer the stream
        // Kestrel holds the headers until the first body flush; flush now so clients see the stream open at once.
        await response.StartAsync(aborted).ConfigureAwait(false);
        await response.Body.FlushAsync(aborted).ConfigureAwait(false);

        // Writes come from the result loop and the keep-alive timer; one at a time.
        using var writeLock = new SemaphoreSlim(1, 1);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        var keepAlive = KeepAliveLoopAsync(response, writeLock, keepAliveInterval, stop.Token);
        try
        {
            await foreach (var payload in results.WithCancellation(aborted).ConfigureAwait(false))
            {
                var buffer = new ArrayBufferWriter<byte>(payload.IsShared ? payload.Json.Length + 32 : 256);
                buffer.Write(NextPrefix);
                // JSON never contains a raw newline (the writer escapes them), so one data line holds the result;
                // a group's shared result is copied as it is.
                if (payload.IsShared)
                {
                    buffer.Write(payload.Json.Span);
                }
                else
                {
                    using var writer = new Utf8JsonWriter(buffer);
                    payload.WriteTo(writer);
                }
                buffer.Write(EventEnd);
                await WriteLockedAsync(response, writeLock, buffer.WrittenMemory, aborted).ConfigureAwait(false);
            }
            await WriteLockedAsync(response, writeLock, Complete, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away: nothing to tell it.
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await keepAlive.ConfigureAwait(false);
        }
    }

    private static async Task WriteLockedAsync(HttpResponse response, SemaphoreSlim writeLock, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            writeLock.Release();
        }
    }

    private static async Task KeepAliveLoopAsync(HttpResponse response, SemaphoreSlim writeLock, TimeSpan interval, CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            return;
        }
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                await WriteLockedAsync(response, writeLock, KeepAlive, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is gone; the result loop notices through RequestAborted.
        }
    }
}
