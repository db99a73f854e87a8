using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tickr.GraphQL.AspNetCore.WebSockets;

/// <summary>Accepts WebSocket upgrades on the GraphQL path and runs one graphql-transport-ws connection per socket.</summary>
internal sealed class GraphQLWebSocketHandler(GraphQLRequestPipeline pipeline, IServiceScopeFactory scopes, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger<GraphQLWebSocketConnection>();

    public async Task HandleAsync(HttpContext context)
    {
        var options = pipeline.Options.WebSockets;
        if (!context.WebSockets.WebSocketRequestedProtocols.Contains(GraphQLWebSocketCloseCodes.SubProtocol))
        {
            // The protocol says to accept and close with 4406 so the client learns why (an HTTP error has no reason).
            using var refused = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            try
            {
                await refused.CloseAsync((System.Net.WebSockets.WebSocketCloseStatus)GraphQLWebSocketCloseCodes.SubprotocolNotAcceptable,
                    "Subprotocol not acceptable", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or System.Net.WebSockets.WebSocketException)
            {
                refused.Abort();
            }
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync(new Microsoft.AspNetCore.Http.WebSocketAcceptContext
        {
            SubProtocol = GraphQLWebSocketCloseCodes.SubProtocol,
            KeepAliveInterval = options.KeepAliveInterval,
        }).ConfigureAwait(false);
        var authenticators = context.RequestServices.GetServices<IWebSocketAuthenticator>().ToArray();
        var connection = new GraphQLWebSocketConnection(socket, context, pipeline, scopes, authenticators, _logger);
        await connection.RunAsync().ConfigureAwait(false);
    }
}
