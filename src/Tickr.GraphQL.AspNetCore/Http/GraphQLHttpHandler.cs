using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tickr.GraphQL.AspNetCore.Sse;
using Tickr.GraphQL.AspNetCore.WebSockets;
using Tickr.GraphQL.Execution;
using Tickr.GraphQL.Language.Ast;
using Tickr.GraphQL.Utilities;

namespace Tickr.GraphQL.AspNetCore.Http;

/// <summary>
/// The endpoint behind <c>MapGraphQL</c>: GraphQL over HTTP (GET and POST), GraphQL over SSE, graphql-transport-ws
/// upgrades, the SDL at <c>?sdl</c> and the IDE page for browsers.
/// </summary>
internal sealed class GraphQLHttpHandler
{
    private static readonly JsonDocumentOptions BodyOptions = new() { MaxDepth = 128 };

    private readonly GraphQLRequestPipeline _pipeline;
    private readonly GraphQLWebSocketHandler _webSockets;
    private readonly ILogger _logger;
    private readonly bool _mayHaveInterceptors;
    private string? _sdl;

    public GraphQLHttpHandler(GraphQLRequestPipeline pipeline, GraphQLWebSocketHandler webSockets, ILogger<GraphQLHttpHandler> logger, IServiceProvider services)
    {
        _pipeline = pipeline;
        _webSockets = webSockets;
        _logger = logger;
        // Interceptors may have any lifetime (a scoped one must come from the request's scope), so they are still
        // resolved per request — but only when the container knows the service at all: the usual host has none.
        _mayHaveInterceptors = services.GetService<IServiceProviderIsService>() is not { } isService
            || isService.IsService(typeof(IGraphQLRequestInterceptor));
    }

    private GraphQLServerOptions Options => _pipeline.Options;

    public async Task HandleAsync(HttpContext context)
    {
        try
        {
            if (context.WebSockets.IsWebSocketRequest && Options.EnableWebSockets)
            {
                await _webSockets.HandleAsync(context).ConfigureAwait(false);
                return;
            }
            if (HttpMethods.IsGet(context.Request.Method))
            {
                await HandleGetAsync(context).ConfigureAwait(false);
            }
            else if (HttpMethods.IsPost(context.Request.Method))
            {
                await HandlePostAsync(context).ConfigureAwait(false);
            }
            else
            {
                context.Response.Headers.Allow = Options.EnableGetRequests ? "GET, POST" : "POST";
                await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "Use GET or POST.", ResponseMediaType.Json).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            _logger.LogError(ex, "GraphQL request failed");
            context.Response.Clear();
            await GraphQLResponseWriter.WriteAsync(context, _pipeline.Unexpected(ex), ResponseMediaType.Json, StatusCodes.Status500InternalServerError).ConfigureAwait(false);
        }
    }

    private async Task HandleGetAsync(HttpContext context)
    {
        var request = context.Request;
        if (Options.EnableSdlEndpoint && request.Query.ContainsKey("sdl"))
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(_sdl ??= SchemaPrinter.Print(_pipeline.Schema), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        var hasOperation = request.Query.ContainsKey("query") || request.Query.ContainsKey("id") || request.Query.ContainsKey("documentId") || request.Query.ContainsKey("extensions");
        var media = MediaTypes.Negotiate(request.Headers.Accept, Options.EnableServerSentEvents, allowHtml: !hasOperation);
        if (media == ResponseMediaType.Html)
        {
            await ServeIdeAsync(context).ConfigureAwait(false);
            return;
        }
        if (media is ResponseMediaType.None or ResponseMediaType.Html)
        {
            await NotAcceptableAsync(context).ConfigureAwait(false);
            return;
        }
        if (!Options.EnableGetRequests)
        {
            context.Response.Headers.Allow = "POST";
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status405MethodNotAllowed, "GET requests are disabled: use POST.", media).ConfigureAwait(false);
            return;
        }
        if (!RequestParameterReader.TryRead(request.Query, out var parameters, out var error))
        {
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest, error, media).ConfigureAwait(false);
            return;
        }
        await ExecuteAsync(context, parameters, media, isGet: true).ConfigureAwait(false);
    }

    private async Task HandlePostAsync(HttpContext context)
    {
        var request = context.Request;
        var media = MediaTypes.Negotiate(request.Headers.Accept, Options.EnableServerSentEvents);
        if (media is ResponseMediaType.None or ResponseMediaType.Html)
        {
            await NotAcceptableAsync(context).ConfigureAwait(false);
            return;
        }
        if (!MediaTypes.IsJsonContentType(request.ContentType))
        {
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status415UnsupportedMediaType,
                "Send the request as application/json (UTF-8).", media).ConfigureAwait(false);
            return;
        }
        var limit = Options.MaxRequestBodySize;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, media).ConfigureAwait(false);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit;
        }

        GraphQLRequestParameters? parameters;
        string? error;
        try
        {
            (parameters, error) = request.ContentLength is { } length && length <= SmallBodySize
                ? await ReadSmallBodyAsync(request.BodyReader, limit, context.RequestAborted).ConfigureAwait(false)
                : await ReadStreamedBodyAsync(request.Body, limit, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest,
                "The request body is not valid JSON.", media).ConfigureAwait(false);
            return;
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await TooLargeAsync(context, media).ConfigureAwait(false);
            return;
        }
        catch (LimitedReadStream.TooLargeException)
        {
            await TooLargeAsync(context, media).ConfigureAwait(false);
            return;
        }

        if (parameters is null)
        {
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest, error!, media).ConfigureAwait(false);
            return;
        }
        await ExecuteAsync(context, parameters, media, isGet: false).ConfigureAwait(false);
    }

    /// <summary>Bodies with a Content-Length up to this size are buffered whole in the request pipe and parsed in place.</summary>
    private const long SmallBodySize = 64 * 1024;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// A body of known, small length: read it whole from the request pipe (no stream wrapper, no copy for a body in one
    /// segment) and parse it where it lies. The limit still holds however many bytes actually arrive.
    /// </summary>
    private static async ValueTask<(GraphQLRequestParameters? Parameters, string? Error)> ReadSmallBodyAsync(PipeReader reader, long limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.End);
                throw new LimitedReadStream.TooLargeException();
            }
            if (result.IsCanceled)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                throw new OperationCanceledException(cancellationToken);
            }
            if (!result.IsCompleted)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            try
            {
                return Parse(buffer);
            }
            finally
            {
                reader.AdvanceTo(buffer.End);
            }
        }

        static (GraphQLRequestParameters?, string?) Parse(ReadOnlySequence<byte> body)
        {
            // JsonDocument.ParseAsync (the streamed path) skips a UTF-8 byte order mark; Parse does not.
            if (body.FirstSpan.StartsWith(Utf8Bom))
            {
                body = body.Slice(Utf8Bom.Length);
            }
            using var document = JsonDocument.Parse(body, BodyOptions);
            return RequestParameterReader.TryRead(document.RootElement, out var parameters, out var error) ? (parameters, null) : (null, error);
        }
    }

    /// <summary>A chunked or large body: streamed through the limit.</summary>
    private static async ValueTask<(GraphQLRequestParameters? Parameters, string? Error)> ReadStreamedBodyAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(new LimitedReadStream(body, limit), BodyOptions, cancellationToken).ConfigureAwait(false);
        return RequestParameterReader.TryRead(document.RootElement, out var parameters, out var error) ? (parameters, null) : (null, error);
    }

    private async Task ExecuteAsync(HttpContext context, GraphQLRequestParameters parameters, ResponseMediaType media, bool isGet)
    {
        var cancellationToken = context.RequestAborted;
        var operation = await _pipeline.PrepareAsync(parameters, cancellationToken).ConfigureAwait(false);
        if (!operation.IsValid)
        {
            var result = ExecutionResult.FromErrors(operation.Errors!);
            var status = operation.IsMalformedRequest ? StatusCodes.Status400BadRequest : (int?)null;
            await GraphQLResponseWriter.WriteAsync(context, result, media == ResponseMediaType.EventStream ? ResponseMediaType.GraphQLResponseJson : media, status).ConfigureAwait(false);
            return;
        }
        if (isGet && operation.OperationType == OperationType.Mutation)
        {
            // GET must be safe: a mutation could be triggered by a link or a prefetch.
            context.Response.Headers.Allow = "POST";
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status405MethodNotAllowed,
                "Mutations cannot be sent with GET: use POST.", media).ConfigureAwait(false);
            return;
        }

        var contextData = await CreateContextDataAsync(context, cancellationToken).ConfigureAwait(false);
        if (media == ResponseMediaType.EventStream)
        {
            await ServerSentEventsWriter.StreamAsync(context, _pipeline.StreamAsync(operation, context.RequestServices, contextData, cancellationToken), Options.SseKeepAliveInterval).ConfigureAwait(false);
            return;
        }
        if (operation.OperationType == OperationType.Subscription)
        {
            await GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status400BadRequest,
                "Subscriptions need a stream: use Accept: text/event-stream or the graphql-transport-ws WebSocket protocol.", media).ConfigureAwait(false);
            return;
        }
        var executionResult = await _pipeline.ExecuteAsync(operation, context.RequestServices, contextData, cancellationToken).ConfigureAwait(false);
        await GraphQLResponseWriter.WriteAsync(context, executionResult, media).ConfigureAwait(false);
    }

    private ValueTask<Dictionary<string, object?>> CreateContextDataAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [GraphQLContextKeys.User] = context.User,
            [GraphQLContextKeys.HttpContext] = context,
        };
        return _mayHaveInterceptors ? InterceptAsync(context, data, cancellationToken) : ValueTask.FromResult(data);

        static async ValueTask<Dictionary<string, object?>> InterceptAsync(HttpContext context, Dictionary<string, object?> data, CancellationToken cancellationToken)
        {
            foreach (var interceptor in context.RequestServices.GetServices<IGraphQLRequestInterceptor>())
            {
                await interceptor.OnRequestAsync(context, data, cancellationToken).ConfigureAwait(false);
            }
            return data;
        }
    }

    private static Task TooLargeAsync(HttpContext context, ResponseMediaType media) =>
        GraphQLResponseWriter.WriteRequestErrorAsync(context, StatusCodes.Status413PayloadTooLarge, "The request body is too large.", media);

    private static async Task NotAcceptableAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(
            $"Accept {MediaTypes.GraphQLResponseJson}, {MediaTypes.Json} or {MediaTypes.EventStream} (UTF-8).", Encoding.UTF8, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task ServeIdeAsync(HttpContext context) =>
        // The GraphiQL page (Ide/) is built separately; until it is wired in, browsers get the usual 406.
        NotAcceptableAsync(context);
}
